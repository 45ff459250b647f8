/// The answer to ListOffsets: per partition, the offset found and the timestamp it belongs to.
public struct ListOffsetsResponse: KafkaCodable {
    public struct Partition: KafkaCodable {
        public var partitionIndex: Int32 = 0
        public var errorCode: Int16 = 0
        public var timestamp: Int64 = -1
        public var offset: Int64 = -1
        public var leaderEpoch: Int32 = -1

        public init() {}
        public init(partitionIndex: Int32, errorCode: ErrorCode, timestamp: Int64 = -1, offset: Int64 = -1) {
            self.partitionIndex = partitionIndex
            self.errorCode = errorCode.rawValue
            self.timestamp = timestamp
            self.offset = offset
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&partitionIndex, "partition_index")
            try coder.code(&errorCode, "error_code")
            try coder.code(&timestamp, "timestamp")
            try coder.code(&offset, "offset")
            if coder.version >= 4 { try coder.code(&leaderEpoch, "leader_epoch") }
        }
    }

    public typealias Topic = TopicPartitions<Partition>

    public var throttleTimeMs: Int32 = 0
    public var topics: [Topic] = []

    public init() {}
    public init(topics: [Topic]) { self.topics = topics }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 2 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        try coder.code(&topics, "topics")
    }
}
