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
        _ = try await producer.send(KafkaProducerMessage(state, key: state.raceId, encoder: EventJSON.makeEncoder()))
    }
}
