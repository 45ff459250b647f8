/// OffsetCommit (API key 8): a consumer group records how far it has read.
public struct OffsetCommitRequest: KafkaCodable {
    public struct Partition: KafkaCodable {
        public var partitionIndex: Int32 = 0
        public var committedOffset: Int64 = 0
        public var committedLeaderEpoch: Int32 = -1
        public var committedMetadata: String?

        public init() {}
        public init(partitionIndex: Int32, committedOffset: Int64, committedMetadata: String? = nil) {
            self.partitionIndex = partitionIndex
            self.committedOffset = committedOffset
            self.committedMetadata = committedMetadata
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&partitionIndex, "partition_index")
            try coder.code(&committedOffset, "committed_offset")
            if coder.version >= 6 { try coder.code(&committedLeaderEpoch, "committed_leader_epoch") }
            try coder.code(&committedMetadata, "committed_metadata")
        }
    }

    public typealias Topic = TopicPartitions<Partition>

    public var groupId = ""
    /// -1 for a commit from outside group membership (a consumer that assigns partitions itself).
    public var generationId: Int32 = -1
    public var memberId = ""
    public var groupInstanceId: String?
    public var retentionTimeMs: Int64 = -1
    public var topics: [Topic] = []

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&groupId, "group_id")
        try coder.code(&generationId, "generation_id")
        try coder.code(&memberId, "member_id")
        if coder.version >= 7 { try coder.code(&groupInstanceId, "group_instance_id") }
        if (2...4).contains(coder.version) { try coder.code(&retentionTimeMs, "retention_time_ms") }
        try coder.code(&topics, "topics")
    }
}
