/// A failure of a client command, already phrased for the user as one line.
struct ClientFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
