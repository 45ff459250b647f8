import FastJSON
import KafkaClient

/// Sends car states to `f1.leaderboard.results` as JSON keyed by race id, waiting for each
/// acknowledgment so the feed stays in order.
public struct RaceStatePublisher: Sendable {
    let producer: KafkaProducer

    public init(producer: KafkaProducer) {
        self.producer = producer
    }

    public func publish(_ state: F1CarState) async throws {
        let value = try EventJSON.makeEncoder().encode(state)
        _ = try await producer.send(
            KafkaProducerMessage(
                topic: F1CarState.topic,
                key: Array(state.raceId.utf8),
                value: Array(value)
            )
        )
    }
}
