/// Where a consumer group member starts in a partition that has no committed offset yet
/// (librdkafka's `auto.offset.reset`).
public enum KafkaOffsetReset: String, Sendable, CaseIterable {
    /// Starts at the earliest message still kept.
    case earliest
    /// Starts after the last message, reading only new ones.
    case latest
}
