/// What a dead-letter topic receives for a record that could not be decoded: where it came from,
/// why it failed, and its value as text.
public struct DeadLetter: Codable, Hashable, Sendable {
    public var pipeline: String
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var reason: String
    /// The undecodable value (invalid UTF-8 replaced), or nil for a tombstone.
    public var value: String?

    public init(pipeline: String, topic: String, partition: Int32, offset: Int64, reason: String, value: String?) {
        self.pipeline = pipeline
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.reason = reason
        self.value = value
    }
}
