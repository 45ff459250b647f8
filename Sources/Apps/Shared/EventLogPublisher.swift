import EventLog
import Foundation
import KafkaProtocol
import NIOCore

/// Publishes events straight into the embedded log, as one-record batches, no network hop.
public struct EventLogPublisher: EventPublisher {
    private let log: EventLog

    public init(log: EventLog) {
        self.log = log
    }

    /// Makes sure the topics exist, with the log's default partition count.
    public func ensureTopics(_ names: [String], partitions: Int32 = 1) throws {
        for name in names where log.describeTopic(name) == nil {
            do {
                _ = try log.createTopic(name, partitions: partitions)
            } catch .topicAlreadyExists {
                continue
            }
        }
    }

    public func publish(topic: String, key: String, event: some Encodable & Sendable) async throws {
        let value = try EventJSON.makeEncoder().encode(event)
        let keyBytes = Array(key.utf8)
        guard let description = log.describeTopic(topic) else {
            throw EventLogError.unknownTopicOrPartition(topic: topic, partition: 0)
        }
        let partitionIndex = KeyPartitioner.partition(for: keyBytes, partitionCount: description.partitionCount)
        let batch = RecordBatch(
            baseTimestamp: EventJSON.nowMilliseconds(),
            records: [Record(offsetDelta: 0, key: ByteBuffer(bytes: keyBytes), value: ByteBuffer(data: value))]
        )
        var bytes = ByteBuffer()
        try batch.encode(into: &bytes)
        _ = try log.partition(topic: topic, partition: partitionIndex).append(bytes)
    }
}
