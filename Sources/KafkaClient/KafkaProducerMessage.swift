/// A message to produce: its topic, an optional key and partition, the value and headers.
public struct KafkaProducerMessage: Sendable, Hashable {
    public var topic: String
    /// The partition to write to, or nil to let the partitioner choose by key (random without one).
    public var partition: Int32?
    public var key: [UInt8]?
    /// The value, or nil for a null value (a tombstone on compacted topics).
    public var value: [UInt8]?
    public var headers: [KafkaHeader]

    public init(
        topic: String,
        partition: Int32? = nil,
        key: [UInt8]? = nil,
        value: [UInt8]?,
        headers: [KafkaHeader] = []
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// Makes a message whose key and value are the UTF-8 bytes of the given strings.
    public init(topic: String, partition: Int32? = nil, key: String? = nil, value: String, headers: [KafkaHeader] = [])
    {
        self.init(
            topic: topic,
            partition: partition,
            key: key.map { Array($0.utf8) },
            value: Array(value.utf8),
            headers: headers
        )
    }
}
