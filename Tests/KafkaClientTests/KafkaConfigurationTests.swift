import KafkaClient
import Testing

@Suite struct KafkaConfigurationTests {
    @Test func acceptsKnownProperties() throws {
        let configuration = KafkaConfiguration(
            bootstrapServers: "localhost:9092, 127.0.0.1:19092,broker",
            properties: ["client.id": "tests", "socket.timeout.ms": "5000"]
        )
        try configuration.validate()
    }

    @Test func namesAnUnknownProperty() throws {
        let configuration = KafkaConfiguration(properties: ["no.such.property": "1"])
        let error = try #require(throws: KafkaError.self) { try configuration.validate() }
        #expect(error.code == .invalidArgument)
        #expect(error.message.contains("no.such.property"))
    }

    @Test func namesAnInvalidValue() throws {
        let configuration = KafkaConfiguration(properties: ["compression.codec": "brotli"])
        let error = try #require(throws: KafkaError.self) { try configuration.validate() }
        #expect(error.message.contains("compression.codec=brotli"))
    }

    @Test(arguments: ["", "localhost:notaport", "localhost:70000", ":9092", "a:9092,,b:9092"])
    func rejectsMalformedBootstrapServers(servers: String) throws {
        let configuration = KafkaConfiguration(bootstrapServers: servers)
        let error = try #require(throws: KafkaError.self) { try configuration.validate() }
        #expect(error.code == .invalidArgument)
    }

    @Test func subscriptReadsAndWritesProperties() {
        var configuration = KafkaConfiguration()
        configuration["client.id"] = "simulator"
        #expect(configuration.properties == ["client.id": "simulator"])
        #expect(configuration["client.id"] == "simulator")
    }

    @Test func producerRejectsAnInvalidConfiguration() throws {
        let configuration = KafkaConfiguration(properties: ["linger.ms": "-5"])
        #expect(throws: KafkaError.self) { try KafkaProducer(configuration: configuration) }
    }

    @Test func errorsCarryLibrdkafkaNames() {
        #expect(KafkaError.Code.timedOut.name == "_TIMED_OUT")
        #expect(KafkaError.Code.unknownTopicOrPartition.name == "UNKNOWN_TOPIC_OR_PART")
        let error = KafkaError(code: .topicAlreadyExists)
        #expect(error.description.hasSuffix("(TOPIC_ALREADY_EXISTS)"))
    }
}
