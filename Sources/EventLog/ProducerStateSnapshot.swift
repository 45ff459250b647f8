import Foundation

/// The producer state of a partition saved at a clean shutdown, so that start-up need not read the
/// header of every batch in every segment to rebuild it.
///
/// Valid only for the log end offset it was taken at and only after a clean shutdown; it is
/// removed at start-up, so a later crash can never bring back a stale one.
struct ProducerStateSnapshot: Codable {
    static let fileName = "producer-state.json"

    var endOffset: Int64
    var table: ProducerStateTable

    static func load(directory: String) -> ProducerStateSnapshot? {
        guard let bytes = try? FileSystem.read(directory + "/" + fileName) else { return nil }
        return try? JSONDecoder().decode(ProducerStateSnapshot.self, from: Data(bytes))
    }

    func write(directory: String) throws(EventLogError) {
        let bytes: Data
        do {
            bytes = try JSONEncoder().encode(self)
        } catch {
            throw .storage(operation: "encode", path: directory + "/" + Self.fileName, errno: 0)
        }
        try FileSystem.writeAtomically(Array(bytes), to: directory + "/" + Self.fileName, synchronize: true)
    }

    static func remove(directory: String) throws(EventLogError) {
        try FileSystem.remove(directory + "/" + fileName)
    }
}
