/// A topic an app needs, with the type of its records; created with at least `minimumPartitions`
/// (or the server's default count).
public struct AppTopic: Sendable {
    public var name: String
    /// The record type, e.g. `ChessMoveEvent`.
    public var recordType: any TopicRecord.Type
    public var minimumPartitions: Int32?

    public init<Record: TopicRecord>(_ recordType: Record.Type, minimumPartitions: Int32? = nil) {
        self.name = Record.topic
        self.recordType = recordType
        self.minimumPartitions = minimumPartitions
    }
}
