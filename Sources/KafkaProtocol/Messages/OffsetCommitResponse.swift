/// The answer to OffsetCommit: an error code per partition.
public struct OffsetCommitResponse: KafkaCodable {
    public struct Partition: KafkaCodable {
        public var partitionIndex: Int32 = 0
        public var errorCode: Int16 = 0

        public init() {}
        public init(partitionIndex: Int32, errorCode: ErrorCode) {
            self.partitionIndex = partitionIndex
            self.errorCode = errorCode.rawValue
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&partitionIndex, "partition_index")
            try coder.code(&errorCode, "error_code")
        }
    }

    public typealias Topic = TopicPartitions<Partition>

    public var throttleTimeMs: Int32 = 0
    public var topics: [Topic] = []

    public init() {}
    public init(topics: [Topic]) { self.topics = topics }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 3 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        try coder.code(&topics, "topics")
    }
}
