import Glibc

/// Why an operation of the event log failed, in terms the broker maps to Kafka error codes.
///
/// Every failing append changes nothing on disk: batches are validated before any byte is written.
public enum EventLogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A batch is damaged: wrong CRC, impossible length, truncated (CORRUPT_MESSAGE).
    case corruptMessage(String)
    /// A batch is well formed but breaks a rule of the log: magic, record count (INVALID_RECORD).
    case invalidRecord(String)
    /// A batch is larger than the topic's `max.message.bytes` (MESSAGE_TOO_LARGE).
    case messageTooLarge(size: Int, limit: Int)
    /// The requested offset is outside `[logStartOffset, logEndOffset]` (OFFSET_OUT_OF_RANGE).
    case offsetOutOfRange(requested: Int64, logStartOffset: Int64, logEndOffset: Int64)
    /// No such topic, or no such partition in it (UNKNOWN_TOPIC_OR_PARTITION).
    case unknownTopicOrPartition(topic: String, partition: Int32)
    /// A topic of that name exists already (TOPIC_ALREADY_EXISTS).
    case topicAlreadyExists(String)
    /// The name breaks Kafka's rules for topic names (INVALID_TOPIC_EXCEPTION).
    case invalidTopic(name: String, reason: String)
    /// A topic needs at least one partition (INVALID_PARTITIONS).
    case invalidPartitions(Int32)
    /// Creating the topic would go past a limit of the store: its partitions (INVALID_PARTITIONS),
    /// or the partitions or topics of the whole broker (POLICY_VIOLATION). `requested` is the
    /// topic's partition count, or the total the creation would reach.
    case limitExceeded(TopicCreationLimit, topic: String, requested: Int, limit: Int)
    /// A topic configuration entry is unknown or has an unusable value (INVALID_CONFIG).
    case invalidConfiguration(key: String, value: String, reason: String)
    /// A config name Kafka does not define for topics (INVALID_CONFIG).
    case unknownConfiguration(String)
    /// Config values that are each valid but not together, or an alteration a config cannot take (INVALID_CONFIG).
    case configurationRejected(String)
    /// A request names the same thing twice or asks for something impossible (INVALID_REQUEST).
    case invalidRequest(String)
    /// A record's timestamp is further from the broker's clock than the topic allows (INVALID_TIMESTAMP).
    case invalidTimestamp(String)
    /// The topic's configs forbid the operation, as DeleteRecords on a topic that is only compacted (POLICY_VIOLATION).
    case policyViolation(String)
    /// CreatePartitions asked for no more partitions than the topic has (INVALID_PARTITIONS).
    case partitionCountNotIncreased(topic: String, current: Int32, requested: Int32)
    /// An idempotent producer skipped or repeated sequence numbers (OUT_OF_ORDER_SEQUENCE_NUMBER).
    case outOfOrderSequence(producerId: Int64, expected: Int32, received: Int32)
    /// An idempotent producer wrote with an epoch older than the one it was fenced by (INVALID_PRODUCER_EPOCH).
    case invalidProducerEpoch(producerId: Int64, current: Int16, received: Int16)
    /// A system call on the data directory failed (KAFKA_STORAGE_ERROR).
    case storage(operation: String, path: String, errno: Int32)
    /// The file system holding `path` has no space (or quota) left; nothing was written (KAFKA_STORAGE_ERROR).
    case diskFull(path: String)
    /// The log was closed or the topic deleted while the operation was under way (KAFKA_STORAGE_ERROR).
    case closed

    /// The Kafka protocol error code the broker should answer with.
    public var kafkaErrorCode: Int16 {
        switch self {
        case .corruptMessage: 2
        case .invalidRecord: 87
        case .messageTooLarge: 10
        case .offsetOutOfRange: 1
        case .unknownTopicOrPartition: 3
        case .topicAlreadyExists: 36
        case .invalidTopic: 17
        case .invalidPartitions: 37
        case .limitExceeded(.partitionsPerTopic, _, _, _): 37
        case .limitExceeded: 44
        case .invalidConfiguration, .unknownConfiguration, .configurationRejected: 40
        case .invalidRequest: 42
        case .invalidTimestamp: 32
        case .partitionCountNotIncreased: 37
        case .policyViolation: 44
        case .outOfOrderSequence: 45
        case .invalidProducerEpoch: 47
        case .storage, .diskFull, .closed: 56
        }
    }

    public var description: String {
        switch self {
        case .corruptMessage(let reason): "corrupt record batch: \(reason)"
        case .invalidRecord(let reason): "invalid record batch: \(reason)"
        case .messageTooLarge(let size, let limit): "record batch of \(size) bytes exceeds the limit of \(limit)"
        case .offsetOutOfRange(let requested, let start, let end):
            "offset \(requested) is out of range [\(start), \(end)]"
        case .unknownTopicOrPartition(let topic, let partition):
            partition < 0 ? "unknown topic \(topic)" : "unknown topic or partition \(topic)-\(partition)"
        case .topicAlreadyExists(let name): "topic '\(name)' already exists"
        case .invalidTopic(let name, let reason): "invalid topic name '\(name)': \(reason)"
        case .invalidPartitions(let count): "invalid partition count \(count), must be at least 1"
        case .limitExceeded(.partitionsPerTopic, let topic, let requested, let limit):
            "topic '\(topic)' asks for \(requested) partitions, more than the limit of \(limit) per topic"
                + " (kibitz serve \(TopicCreationLimit.partitionsPerTopic.serveOption) raises it)"
        case .limitExceeded(.partitions, let topic, let requested, let limit):
            "creating topic '\(topic)' would bring the broker to \(requested) partitions, more than the limit of"
                + " \(limit) (kibitz serve \(TopicCreationLimit.partitions.serveOption) raises it)"
        case .limitExceeded(.topics, let topic, let requested, let limit):
            "creating topic '\(topic)' would make \(requested) topics, more than the limit of \(limit)"
                + " (kibitz serve \(TopicCreationLimit.topics.serveOption) raises it)"
        case .invalidConfiguration(let key, let value, let reason):
            "Invalid value \(value) for configuration \(key): \(reason)"
        case .unknownConfiguration(let name): "Unknown topic config name: \(name)"
        case .configurationRejected(let reason), .invalidRequest(let reason), .invalidTimestamp(let reason),
            .policyViolation(let reason):
            reason
        case .partitionCountNotIncreased(_, let current, let requested):
            current == requested
                ? "Topic already has \(current) partitions."
                : "Topic currently has \(current) partitions, which is higher than the requested \(requested)."
        case .outOfOrderSequence(let producerId, let expected, let received):
            "out of order sequence for producer \(producerId): expected \(expected), received \(received)"
        case .invalidProducerEpoch(let producerId, let current, let received):
            "producer \(producerId) has epoch \(current), received older epoch \(received)"
        case .storage(let operation, let path, let errno): "\(operation) failed on \(path): errno \(errno)"
        case .diskFull(let path): "disk full at \(path): appends are refused until space returns"
        case .closed: "the event log is closed"
        }
    }

    /// The error for a failed system call on `path`: `diskFull` when the file system is out of
    /// space or quota, so that callers and logs can tell it from other failures.
    static func systemCall(_ operation: String, path: String, errno: Int32) -> EventLogError {
        errno == ENOSPC || errno == EDQUOT
            ? .diskFull(path: path) : .storage(operation: operation, path: path, errno: errno)
    }
}
