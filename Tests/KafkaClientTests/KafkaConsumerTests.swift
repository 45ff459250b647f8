import KafkaClient
import Testing

@Suite struct KafkaConsumerTests {
    /// Puts `count` messages numbered from 0 on one partition of `topic`.
    private func produce(_ count: Int, to topic: String, in cluster: KafkaMockCluster) async throws -> [String] {
        let producer = try KafkaProducer(configuration: cluster.configuration(), compression: .snappy)
        let values = numberedValues("event", count: count)
        for value in values {
            try producer.enqueue(KafkaProducerMessage(topic: topic, partition: 0, value: value))
        }
        try await producer.flush(timeout: .seconds(10))
        return values
    }

    @Test func assignedConsumerReadsFromBeginningAndFromAnOffset() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let values = try await produce(30, to: "f1", in: cluster)
        #expect(try await readAll(topic: "f1", from: cluster).map(\.valueString) == values)

        let consumer = try KafkaConsumer(configuration: cluster.configuration(), reportsEndOfPartition: true)
        try consumer.assign([KafkaTopicPartition(topic: "f1", partition: 0)], from: .offset(25))
        var tail: [String] = []
        while true {
            let event = try #require(try consumer.poll(timeout: .seconds(5)))
            if case .message(let message) = event { tail.append(message.valueString ?? "") } else { break }
        }
        #expect(tail == Array(values.suffix(5)))
        #expect(throws: KafkaError.self) { try consumer.commit() }
    }

    @Test func consumerFromEndSeesOnlyNewMessages() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        _ = try await produce(10, to: "laps", in: cluster)
        let consumer = try KafkaConsumer(configuration: cluster.configuration(), reportsEndOfPartition: true)
        try consumer.assign([KafkaTopicPartition(topic: "laps", partition: 0)], from: .end)
        let end = try #require(try consumer.poll(timeout: .seconds(5)))
        #expect(end == .endOfPartition(KafkaTopicPartition(topic: "laps", partition: 0), offset: 10))

        let producer = try KafkaProducer(configuration: cluster.configuration())
        _ = try await producer.send(KafkaProducerMessage(topic: "laps", partition: 0, value: "new"))
        var iterator = consumer.messages.makeAsyncIterator()
        let message = try #require(try await iterator.next())
        #expect(message.valueString == "new")
        #expect(message.offset == 10)
    }

    @Test func groupResumesAfterTheCommittedOffset() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let values = try await produce(20, to: "lobby", in: cluster)
        // The mock coordinator finishes a rebalance only after the session timeout, so keep it short.
        let configuration = cluster.configuration(properties: [
            "session.timeout.ms": "6000", "heartbeat.interval.ms": "500",
        ])

        let first = try KafkaConsumer(
            configuration: configuration,
            groupID: "workers",
            offsetReset: .earliest,
            commitsAutomatically: false
        )
        try first.subscribe(to: ["lobby"])
        var seen: [KafkaMessage] = []
        for try await message in first.messages {
            seen.append(message)
            if seen.count == 12 { break }
        }
        #expect(seen.map(\.valueString) == values.prefix(12).map(Optional.some))
        try first.commit(seen[11])
        let partition = KafkaTopicPartition(topic: "lobby", partition: 0)
        #expect(try await first.committedOffsets(of: [partition], timeout: .seconds(5)) == [partition: 12])
        try first.close()

        let second = try KafkaConsumer(
            configuration: configuration,
            groupID: "workers",
            offsetReset: .earliest,
            reportsEndOfPartition: true
        )
        defer { try? second.close() }
        try second.subscribe(to: ["lobby"])
        var rest: [String] = []
        for try await event in second.events {
            if case .message(let message) = event { rest.append(message.valueString ?? "") } else { break }
        }
        #expect(rest == Array(values.suffix(8)))
        #expect(try second.assignment().contains(partition))
    }

    @Test func cancellingTheReadingTaskEndsIteration() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        _ = try await produce(1, to: "quiet", in: cluster)
        let consumer = try KafkaConsumer(configuration: cluster.configuration())
        try consumer.assign([KafkaTopicPartition(topic: "quiet", partition: 0)], from: .end)
        let reader = Task {
            var count = 0
            for try await _ in consumer.messages { count += 1 }
            return count
        }
        try await Task.sleep(for: .milliseconds(300))
        reader.cancel()
        #expect(try await reader.value == 0)
    }

    @Test func consumerWithoutGroupCannotSubscribe() throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let consumer = try KafkaConsumer(configuration: cluster.configuration())
        let error = try #require(throws: KafkaError.self) { try consumer.subscribe(to: ["games"]) }
        #expect(error.code == .invalidArgument)
    }

    @Test func closedConsumerRefusesPollsAndEndsIteration() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let consumer = try KafkaConsumer(configuration: cluster.configuration(), groupID: "closing")
        try consumer.close()
        try consumer.close()
        #expect(throws: KafkaError.self) { try consumer.poll(timeout: .zero) }
        var iterator = consumer.events.makeAsyncIterator()
        #expect(try await iterator.next() == nil)
    }

    @Test func assigningAMissingTopicFails() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let consumer = try KafkaConsumer(configuration: cluster.configuration())
        let error = await #expect(throws: KafkaError.self) {
            try await consumer.assignAllPartitions(of: "missing", from: .beginning, timeout: .seconds(5))
        }
        #expect(error?.code == .unknownTopicOrPartition)
    }
}
