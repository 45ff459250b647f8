/// ListOffsets (API key 2): the offset at a timestamp, or the earliest (-2) or latest (-1) offset.
public struct ListOffsetsRequest: KafkaCodable {
    /// The timestamp that asks for the log end offset.
    public static let latestTimestamp: Int64 = -1
    /// The timestamp that asks for the log start offset.
    public static let earliestTimestamp: Int64 = -2

    public struct Partition: KafkaCodable {
        public var partitionIndex: Int32 = 0
        public var currentLeaderEpoch: Int32 = -1
        public var timestamp: Int64 = -1

        public init() {}
        public init(partitionIndex: Int32, timestamp: Int64) {
            self.partitionIndex = partitionIndex
            self.timestamp = timestamp
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&partitionIndex, "partition_index")
            if coder.version >= 4 { try coder.code(&currentLeaderEpoch, "current_leader_epoch") }
            try coder.code(&timestamp, "timestamp")
        }
    }

    public typealias Topic = TopicPartitions<Partition>

    public var replicaId: Int32 = -1
    public var isolationLevel: Int8 = 0
    public var topics: [Topic] = []

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&replicaId, "replica_id")
        if coder.version >= 2 { try coder.code(&isolationLevel, "isolation_level") }
        try coder.code(&topics, "topics")
    }
}
