/// A limit that `EventLog.createTopic` checks before it does any work, set in `EventLog.Configuration`.
public enum TopicCreationLimit: String, Sendable, Hashable {
    /// Partitions of one topic (`maximumPartitionsPerTopic`).
    case partitionsPerTopic
    /// Partitions of every topic together (`maximumPartitions`).
    case partitions
    /// Number of topics (`maximumTopics`).
    case topics

    /// The `kibitz serve` option that raises the limit, so that a refusal can say how to get past it.
    public var serveOption: String {
        switch self {
        case .partitionsPerTopic: "--max-partitions-per-topic"
        case .partitions: "--max-partitions"
        case .topics: "--max-topics"
        }
    }
}
