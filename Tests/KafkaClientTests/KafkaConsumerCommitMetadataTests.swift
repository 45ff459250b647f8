import KafkaClient
import Testing

/// A group's commits carry the committer's own note, and a consumer reads a partition's watermarks.
@Suite struct KafkaConsumerCommitMetadataTests {
    @Test func commitsKeepTheirMetadataAndWatermarksFollowTheLog() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let producer = try KafkaProducer(configuration: cluster.configuration())
        for value in numberedValues("lap", count: 7) {
            try producer.enqueue(KafkaProducerMessage(topic: "laps", partition: 0, value: value))
        }
        try await producer.flush(timeout: .seconds(10))

        let consumer = try KafkaConsumer(
            configuration: cluster.configuration(),
            groupID: "notes",
            offsetReset: .earliest,
            commitsAutomatically: false
        )
        let partition = KafkaTopicPartition(topic: "laps", partition: 0)
        #expect(try await consumer.watermarks(of: partition, timeout: .seconds(5)) == KafkaWatermarks(low: 0, high: 7))
        #expect(try await consumer.committedPositions(of: [partition], timeout: .seconds(5)) == [partition: nil])

        try consumer.commit([partition: KafkaOffsetAndMetadata(offset: 5, metadata: "generation 2 ✓")])
        #expect(
            try await consumer.committedPositions(of: [partition], timeout: .seconds(5))
                == [partition: KafkaOffsetAndMetadata(offset: 5, metadata: "generation 2 ✓")]
        )
        // A commit without metadata replaces the note with nothing.
        try consumer.commit([partition: 6])
        #expect(
            try await consumer.committedPositions(of: [partition], timeout: .seconds(5))
                == [partition: KafkaOffsetAndMetadata(offset: 6)]
        )
        #expect(try await consumer.committedOffsets(of: [partition], timeout: .seconds(5)) == [partition: 6])
        try consumer.close()
    }
}
