/// Where a source record is, for decoders that read more than its value.
public struct SourceRecordMetadata: Sendable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// The record's timestamp in epoch milliseconds.
    public var timestamp: Int64

    @inlinable
    public init(topic: String, partition: Int32, offset: Int64, timestamp: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestamp = timestamp
    }
}
