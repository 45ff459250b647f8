/// The answer to OffsetFetch: per partition, the committed offset (-1 when none) and its metadata.
public struct OffsetFetchResponse: KafkaCodable {
    public struct Partition: KafkaCodable {
        public var partitionIndex: Int32 = 0
        public var committedOffset: Int64 = -1
        public var committedLeaderEpoch: Int32 = -1
        public var metadata: String? = ""
        public var errorCode: Int16 = 0

        public init() {}
        public init(partitionIndex: Int32, committedOffset: Int64, metadata: String?, errorCode: ErrorCode = .none) {
            self.partitionIndex = partitionIndex
            self.committedOffset = committedOffset
            self.metadata = metadata
            self.errorCode = errorCode.rawValue
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&partitionIndex, "partition_index")
            try coder.code(&committedOffset, "committed_offset")
            if coder.version >= 5 { try coder.code(&committedLeaderEpoch, "committed_leader_epoch") }
            try coder.code(&metadata, "metadata")
            try coder.code(&errorCode, "error_code")
        }
    }

    public typealias Topic = TopicPartitions<Partition>

    public var throttleTimeMs: Int32 = 0
    public var topics: [Topic] = []
    public var errorCode: Int16 = 0

    public init() {}
    public init(topics: [Topic], errorCode: ErrorCode = .none) {
        self.topics = topics
        self.errorCode = errorCode.rawValue
    }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 3 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        try coder.code(&topics, "topics")
        if coder.version >= 2 { try coder.code(&errorCode, "error_code") }
    }
}
