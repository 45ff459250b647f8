import KafkaClient
import Testing

@Suite struct KafkaAdministratorTests {
    @Test func listsAndDescribesTopicsWithLeadersAndWatermarks() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let producer = try KafkaProducer(configuration: cluster.configuration())
        for index in 0..<3 {
            _ = try await producer.send(KafkaProducerMessage(topic: "games", partition: 1, value: "game \(index)"))
        }
        let administrator = try KafkaAdministrator(configuration: cluster.configuration())

        let topics = try await administrator.listTopics(timeout: .seconds(5))
        let games = try #require(topics.first { $0.name == "games" })
        #expect(games.error == nil)
        #expect(games.partitions.map(\.id) == Array(0..<Int32(games.partitions.count)))
        #expect(games.partitions.allSatisfy { $0.leader == 1 && $0.replicas == [1] })

        let description = try await administrator.describeTopic("games", timeout: .seconds(5))
        #expect(description.partitions.count == games.partitions.count)
        #expect(description.partitions[1].watermarks == KafkaWatermarks(low: 0, high: 3))
        #expect(description.partitions[0].watermarks == KafkaWatermarks(low: 0, high: 0))
        let partition = KafkaTopicPartition(topic: "games", partition: 1)
        #expect(try await administrator.watermarks(of: partition, timeout: .seconds(5)).high == 3)

        let metadata = try await administrator.metadata(timeout: .seconds(5))
        #expect(metadata.brokers.map { "\($0.host):\($0.port)" }.joined(separator: ",") == cluster.bootstrapServers)
    }

    @Test func describingAMissingTopicFails() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let administrator = try KafkaAdministrator(configuration: cluster.configuration())
        let error = await #expect(throws: KafkaError.self) {
            try await administrator.describeTopic("missing", timeout: .seconds(5))
        }
        #expect(error?.code == .unknownTopicOrPartition)
    }

    @Test func createAndDeleteTopics() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let administrator = try KafkaAdministrator(configuration: cluster.configuration())
        await #expect(throws: KafkaError.self) {
            try await administrator.createTopic("empty", partitions: 0, timeout: .seconds(1))
        }
        // librdkafka 2.0's mock cluster names no controller, so it cannot answer CreateTopics or
        // DeleteTopics; newer librdkafka versions can, and then the whole round trip is checked.
        await withKnownIssue("the mock cluster of librdkafka 2.0 has no controller", isIntermittent: true) {
            try await administrator.createTopic(
                "created",
                partitions: 3,
                configuration: ["retention.ms": "60000"],
                timeout: .seconds(1)
            )
            let created = try await administrator.describeTopic("created", timeout: .seconds(5))
            #expect(created.partitions.count == 3)
            let again = await #expect(throws: KafkaError.self) {
                try await administrator.createTopic("created", partitions: 3, timeout: .seconds(1))
            }
            #expect(again?.code == .topicAlreadyExists)
            try await administrator.deleteTopic("created", timeout: .seconds(1))
            #expect(try await administrator.listTopics(timeout: .seconds(5)).allSatisfy { $0.name != "created" })
        }
    }

    @Test func unreachableClusterTimesOutWithAClearError() async throws {
        let configuration = KafkaConfiguration(bootstrapServers: "127.0.0.1:1", properties: ["log_level": "0"])
        let administrator = try KafkaAdministrator(configuration: configuration)
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: KafkaError.self) {
            try await administrator.listTopics(timeout: .seconds(1))
        }
        // Generous: the point is that the call gives up rather than waiting forever.
        #expect(clock.now - start < .seconds(60))
        #expect(error?.message.contains("within 1 s") == true)
    }
}
