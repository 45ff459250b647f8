import EventLog

/// Where pipelines read their sources and append their sinks: the embedded `EventLog` today, a
/// Kafka cluster through a client later.
public protocol StreamStorage: Sendable {
    /// Every partition of `topic`, in partition order; nil when there is no such topic.
    func partitionLogs(of topic: String) -> [any PartitionLog]?

    /// Every partition of `topic`, creating the topic with `partitions` partitions if it is missing.
    func partitionLogs(of topic: String, creatingWith partitions: Int32) throws -> [any PartitionLog]

    /// Returns once everything appended so far is durable under the storage's flush policy.
    func waitUntilDurable() async throws
}
