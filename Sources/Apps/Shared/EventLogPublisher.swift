import EventLog
import FastJSON
import Foundation
import KafkaProtocol
import NIOCore

/// Publishes events straight into the embedded log, as one-record batches, no network hop.
///
/// A topic deleted while the apps run is created again on the next publish, as a Kafka producer's
/// auto-creation would, with `defaultPartitions`.
public struct EventLogPublisher: EventPublisher {
    private let log: EventLog
    private let defaultPartitions: Int32

    public init(log: EventLog, defaultPartitions: Int32 = 1) {
        self.log = log
        self.defaultPartitions = defaultPartitions
    }

    /// Makes sure the topics exist, with `partitions` partitions (the default count if nil).
    public func ensureTopics(_ names: [String], partitions: Int32? = nil) throws {
        let count = partitions ?? defaultPartitions
        for name in names where log.describeTopic(name) == nil {
            do {
                _ = try log.createTopic(name, partitions: count)
            } catch {
                // Created meanwhile by another writer: that one serves.
                guard case .topicAlreadyExists = error else { throw error }
            }
        }
    }

    public func publish(topic: String, key: String, event: some Encodable & Sendable) async throws {
        let value = try EventJSON.makeEncoder().encode(event)
        let keyBytes = Array(key.utf8)
        if log.describeTopic(topic) == nil { try ensureTopics([topic]) }
        guard let description = log.describeTopic(topic) else {
            throw EventLogError.unknownTopicOrPartition(topic: topic, partition: 0)
        }
        let partitionIndex = KeyPartitioner.partition(forKey: keyBytes, partitionCount: description.partitionCount)
        let batch = RecordBatch(
            baseTimestamp: EventJSON.nowMilliseconds(),
            records: [Record(offsetDelta: 0, key: ByteBuffer(bytes: keyBytes), value: ByteBuffer(data: value))]
        )
        var bytes = ByteBuffer()
        try batch.encode(into: &bytes)
        _ = try log.partition(topic: topic, partition: partitionIndex).append(bytes)
    }
}
