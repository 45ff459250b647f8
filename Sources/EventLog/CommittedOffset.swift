/// A consumer group's committed position in one partition, as OffsetCommit sends it.
public struct CommittedOffset: Sendable, Hashable, Codable {
    /// The next offset the group will consume.
    public var offset: Int64
    /// The leader epoch the consumer saw, or -1.
    public var leaderEpoch: Int32
    /// Free text the client attached to the commit.
    public var metadata: String

    public init(offset: Int64, leaderEpoch: Int32 = -1, metadata: String = "") {
        self.offset = offset
        self.leaderEpoch = leaderEpoch
        self.metadata = metadata
    }
}
