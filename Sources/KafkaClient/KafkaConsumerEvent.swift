/// What a consumer's poll yields: a message, or the news that a partition has been read to its end.
public enum KafkaConsumerEvent: Sendable, Hashable {
    case message(KafkaMessage)
    /// Every message of the partition up to `offset` has been read; reported only when the consumer
    /// was made with `reportsEndOfPartition`, and again each time new messages have been read.
    case endOfPartition(KafkaTopicPartition, offset: Int64)
}
