/// Why a record of `lib.server.lobby` cannot be used; the reason goes into its dead letter.
public struct ArenaRecordProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
