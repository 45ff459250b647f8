/// The offsets that bound a partition: the earliest still kept and the one the next message will get.
public struct KafkaWatermarks: Sendable, Hashable {
    /// The offset of the earliest message still in the partition.
    public var low: Int64
    /// The offset the next produced message will get; `high - low` messages are readable.
    public var high: Int64

    public init(low: Int64, high: Int64) {
        self.low = low
        self.high = high
    }
}
