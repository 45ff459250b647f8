import CRdKafka

/// An in-process Kafka cluster from librdkafka's mock broker, for tests that need no running broker.
///
/// The brokers listen on 127.0.0.1 and speak the Kafka protocol, so any client, from this module or
/// not, can connect to `bootstrapServers`. They keep messages in memory and vanish with this object.
/// librdkafka's mock supports producing, fetching, offsets and consumer groups; how much of the
/// admin API it answers depends on the librdkafka version.
public final class KafkaMockCluster: Sendable {
    /// `host:port` pairs of the mock brokers, for `KafkaConfiguration.bootstrapServers`.
    public let bootstrapServers: String
    /// The client that owns the mock brokers; they stop when it is destroyed.
    private let owner: KafkaHandle

    /// Starts a mock cluster of `brokerCount` brokers.
    public init(brokerCount: Int = 1, timeout: Duration = .seconds(10)) throws {
        // librdkafka starts a mock cluster inside any client given `test.mock.num.brokers`;
        // its own log stays quiet because it only reports the brokers going away with it;
        // the cluster's metadata then tells where its brokers listen.
        let configuration = KafkaConfiguration(
            bootstrapServers: "",
            properties: ["test.mock.num.brokers": String(brokerCount), "log_level": "0"]
        )
        owner = try KafkaHandle(kind: RD_KAFKA_PRODUCER, configuration: try configuration.makeNativeConfiguration())
        let brokers = try owner.metadata(timeout: timeout).brokers.sorted { $0.id < $1.id }
        bootstrapServers = brokers.map { "\($0.host):\($0.port)" }.joined(separator: ",")
    }

    /// A configuration that reaches this cluster, with extra librdkafka `properties`.
    public func configuration(properties: [String: String] = [:]) -> KafkaConfiguration {
        KafkaConfiguration(bootstrapServers: bootstrapServers, properties: properties)
    }
}
