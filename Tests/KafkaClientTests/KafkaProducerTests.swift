import KafkaClient
import KafkaProtocol
import Testing

@Suite struct KafkaProducerTests {
    @Test(arguments: KafkaCompression.allCases)
    func messagesRoundTripWithEveryCompression(compression: KafkaCompression) async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let producer = try KafkaProducer(configuration: cluster.configuration(), compression: compression)
        let values = numberedValues("value", count: 200)
        for (index, value) in values.enumerated() {
            try producer.enqueue(KafkaProducerMessage(topic: "games", key: "game-\(index % 7)", value: value))
        }
        try await producer.flush(timeout: .seconds(10))
        #expect(producer.deliveryStatistics == KafkaDeliveryStatistics(delivered: 200, failed: 0))

        let messages = try await readAll(topic: "games", from: cluster)
        #expect(Set(messages.compactMap(\.valueString)) == Set(values))
        // The default partitioner hashes keys, so each key stays on one partition, in order.
        for key in Set(messages.compactMap(\.keyString)) {
            let sameKey = messages.filter { $0.keyString == key }
            #expect(Set(sameKey.map(\.partition)).count == 1)
            #expect(sameKey.map(\.offset) == sameKey.map(\.offset).sorted())
        }
    }

    @Test func enqueueWaitsWhenTheLocalQueueIsFull() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let configuration = cluster.configuration(properties: ["queue.buffering.max.messages": "10"])
        let producer = try KafkaProducer(configuration: configuration)
        for index in 0..<500 {
            try producer.enqueue(KafkaProducerMessage(topic: "purchases", value: "sword \(index)"))
        }
        try await producer.flush(timeout: .seconds(10))
        #expect(producer.deliveryStatistics.delivered == 500)
        #expect(try await readAll(topic: "purchases", from: cluster).count == 500)
    }

    @Test func keyedMessagesLandWhereKibitzsOwnWritersPutThem() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let producer = try KafkaProducer(configuration: cluster.configuration())
        // The mock cluster creates the topic on first use, with its default partition count.
        _ = try await producer.send(KafkaProducerMessage(topic: "moves", partition: 0, value: "first"))
        let administrator = try KafkaAdministrator(configuration: cluster.configuration())
        let partitionCount = Int32(
            try await administrator.describeTopic("moves", timeout: .seconds(5)).partitions.count
        )
        try #require(partitionCount > 1)
        for index in 0..<40 {
            let key = Array("game-\(index)".utf8)
            let report = try await producer.send(
                KafkaProducerMessage(topic: "moves", key: key, value: Array("move".utf8))
            )
            #expect(report.partition == KeyPartitioner.partition(forKey: key, partitionCount: partitionCount))
        }
    }

    @Test func sendReportsPartitionAndOffset() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let producer = try KafkaProducer(configuration: cluster.configuration(), acknowledgments: .all)
        var offsets: [Int64] = []
        for index in 0..<5 {
            let message = KafkaProducerMessage(topic: "moves", partition: 2, value: "move \(index)")
            let report = try await producer.send(message)
            #expect(report.topic == "moves")
            #expect(report.partition == 2)
            offsets.append(try #require(report.offset))
        }
        #expect(offsets == [0, 1, 2, 3, 4])
    }

    @Test func keysHeadersAndEmptyOrNullValuesSurvive() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let producer = try KafkaProducer(configuration: cluster.configuration(), compression: .lz4)
        let headers = [
            KafkaHeader(name: "source", value: "tests"), KafkaHeader(name: "flag", value: nil),
            KafkaHeader(name: "empty", value: []),
        ]
        let sent = [
            KafkaProducerMessage(topic: "events", partition: 0, key: [0, 1, 2], value: [255, 0, 7], headers: headers),
            KafkaProducerMessage(topic: "events", partition: 0, key: nil, value: []),
            KafkaProducerMessage(topic: "events", partition: 0, key: Array("tombstone".utf8), value: nil),
        ]
        for message in sent {
            _ = try await producer.send(message)
        }
        let received = try await readAll(topic: "events", from: cluster)
        #expect(received.map(\.key) == sent.map(\.key))
        #expect(received.map(\.value) == sent.map(\.value))
        #expect(received[0].headers == headers)
        #expect(received[0].timestamp != nil)
    }

    @Test func acknowledgmentsNoneDeliversWithoutAnOffset() async throws {
        let cluster = try KafkaMockCluster()
        defer { withExtendedLifetime(cluster) {} }
        let producer = try KafkaProducer(configuration: cluster.configuration(), acknowledgments: .none)
        let report = try await producer.send(KafkaProducerMessage(topic: "shop.events", partition: 0, value: "x"))
        #expect(report.offset == nil)
        try await producer.flush(timeout: .seconds(5))
        #expect(try await readAll(topic: "shop.events", from: cluster).map(\.valueString) == ["x"])
    }

    @Test func unreachableClusterFailsDeliveryAfterTheMessageTimeout() async throws {
        // Port 1 on the loopback interface refuses connections at once.
        let configuration = KafkaConfiguration(
            bootstrapServers: "127.0.0.1:1",
            properties: ["message.timeout.ms": "500", "log_level": "0"]
        )
        let producer = try KafkaProducer(configuration: configuration)
        let error = await #expect(throws: KafkaError.self) {
            try await producer.send(KafkaProducerMessage(topic: "games", value: "lost"))
        }
        #expect(error?.code == .messageTimedOut)

        try producer.enqueue(KafkaProducerMessage(topic: "games", value: "also lost"))
        try await producer.flush(timeout: .seconds(5))
        #expect(producer.deliveryStatistics.failed == 1)
        #expect(producer.deliveryStatistics.firstError?.code == .messageTimedOut)
    }
}
