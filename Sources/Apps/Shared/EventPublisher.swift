/// Somewhere apps publish their events: the embedded log, or later an external Kafka cluster.
public protocol EventPublisher: Sendable {
    /// Appends one JSON event under `key` to `topic`; returns once the log has it.
    func publish(topic: String, key: String, event: some Encodable & Sendable) async throws
}
