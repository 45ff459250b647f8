import EventLog
import NIOCore

/// How the broker listens and behaves, as Kafka's broker settings.
public struct BrokerConfiguration: Sendable {
    /// The address to bind; 127.0.0.1 unless told otherwise.
    public var host: String
    public var port: Int
    /// The port of a second, SASL_PLAINTEXT listener (PLAIN, SCRAM-SHA-256/512); none when nil.
    public var saslPort: Int?
    /// The host clients are told to connect to in Metadata and FindCoordinator answers.
    public var advertisedHost: String
    public var nodeId: Int32 = 1
    public var clusterId = "kibitz"
    /// Whether Metadata requests create unknown topics (auto.create.topics.enable).
    public var autoCreateTopics = true
    /// Partitions of topics created automatically or without a count (num.partitions).
    public var defaultPartitions: Int32 = 1
    /// The largest request accepted (socket.request.max.bytes); larger frames close the connection.
    public var maximumFrameSize = 100 * 1024 * 1024
    /// Bytes that large requests still arriving may hold on all connections together
    /// (queued.max.request.bytes); a connection whose large request finds no room stops reading.
    public var queuedMaximumRequestBytes = 256 * 1024 * 1024
    /// Connections open at once (max.connections); more are closed at once.
    public var maximumConnections = 1_000
    /// Connections open at once from one address (max.connections.per.ip).
    public var maximumConnectionsPerAddress = 500
    /// A connection without traffic for this long is closed (connections.max.idle.ms).
    public var connectionsMaximumIdle: TimeAmount = .minutes(10)
    /// A request frame must arrive whole within this time of its first byte.
    public var requestReceiveTimeout: TimeAmount = .seconds(60)
    /// Requests of one connection being served at once; the connection is read again as answers go.
    public var maximumInFlightRequestsPerConnection = 100
    /// The longest metadata string a committed offset may carry (offset.metadata.max.bytes).
    public var offsetMetadataMaximumBytes = 4_096
    public var groups = ConsumerGroup.Configuration()

    public init(host: String = "127.0.0.1", port: Int = 9092, advertisedHost: String? = nil) {
        self.host = host
        self.port = port
        self.advertisedHost = advertisedHost ?? (host == "0.0.0.0" ? "127.0.0.1" : host)
    }
}
