import KafkaProtocol
import NIOCore

/// One member of a consumer group, as the coordinator knows it.
public struct ConsumerGroupMember: Sendable {
    public var memberId: String
    public var groupInstanceId: String?
    public var clientId: String
    public var clientHost: String
    public var sessionTimeoutMs: Int64
    public var rebalanceTimeoutMs: Int64
    /// The assignment protocols the member supports, in its order of preference.
    public var protocols: [(name: String, metadata: ByteBuffer)]
    /// The partitions the leader gave this member, in the consumer protocol's encoding.
    public var assignment = ByteBuffer()
    /// Monotonic milliseconds of the last sign of life (join, sync or heartbeat).
    public var lastSeenMs: Int64
    /// The JoinGroup request waiting for the rebalance to complete, if any.
    public var pendingJoin: ConsumerGroup.RequestToken?
    /// The SyncGroup request waiting for the leader's assignment, if any.
    public var pendingSync: ConsumerGroup.RequestToken?

    /// The metadata the member sent for `protocolName`.
    func metadata(for protocolName: String) -> ByteBuffer {
        protocols.first { $0.name == protocolName }?.metadata ?? ByteBuffer()
    }

    /// The topics the member subscribed to, read from its consumer-protocol metadata (a version,
    /// then the topic names); empty when the metadata is not the consumer protocol's.
    func subscribedTopics(protocolName: String) -> [String] {
        var decoder = KafkaDecoder(buffer: metadata(for: protocolName), version: 0)
        var version: Int16 = 0
        var topics: [String] = []
        do {
            try decoder.code(&version, "version")
            try decoder.code(&topics, "topics")
        } catch {
            return []
        }
        return topics
    }
}
