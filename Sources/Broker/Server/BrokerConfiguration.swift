import EventLog

/// How the broker listens and behaves, as Kafka's broker settings.
public struct BrokerConfiguration: Sendable {
    /// The address to bind; 127.0.0.1 unless told otherwise.
    public var host: String
    public var port: Int
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
    public var groups = ConsumerGroup.Configuration()

    public init(host: String = "127.0.0.1", port: Int = 9092, advertisedHost: String? = nil) {
        self.host = host
        self.port = port
        self.advertisedHost = advertisedHost ?? (host == "0.0.0.0" ? "127.0.0.1" : host)
    }
}
