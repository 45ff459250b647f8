/// A message read by a consumer.
public struct KafkaMessage: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// The key, or nil when the message has none.
    public var key: [UInt8]?
    /// The value, or nil for a null value.
    public var value: [UInt8]?
    public var headers: [KafkaHeader]
    /// Milliseconds since 1970 as the producer or the broker stamped it, or nil when unknown.
    public var timestamp: Int64?

    public init(
        topic: String,
        partition: Int32,
        offset: Int64,
        key: [UInt8]?,
        value: [UInt8]?,
        headers: [KafkaHeader] = [],
        timestamp: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// The key decoded as UTF-8, with invalid bytes replaced.
    public var keyString: String? { key.map { String(decoding: $0, as: UTF8.self) } }

    /// The value decoded as UTF-8, with invalid bytes replaced.
    public var valueString: String? { value.map { String(decoding: $0, as: UTF8.self) } }
}
