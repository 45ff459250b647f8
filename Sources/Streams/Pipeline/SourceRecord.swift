import NIOCore

/// One record read from a source topic, before decoding.
public struct SourceRecord: Sendable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// The record's timestamp from the log (create time or append time), in milliseconds.
    public var timestamp: Int64
    public var key: ByteBuffer?
    public var value: ByteBuffer?

    public init(
        topic: String,
        partition: Int32 = 0,
        offset: Int64,
        timestamp: Int64,
        key: ByteBuffer? = nil,
        value: ByteBuffer?
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestamp = timestamp
        self.key = key
        self.value = value
    }
}
