/// Fetch (API key 1): read record batches from partitions, waiting up to `maxWaitMs` for `minBytes`.
public struct FetchRequest: KafkaCodable {
    public struct FetchPartition: KafkaCodable {
        public var partition: Int32 = 0
        public var currentLeaderEpoch: Int32 = -1
        public var fetchOffset: Int64 = 0
        public var logStartOffset: Int64 = -1
        public var partitionMaxBytes: Int32 = 1_048_576

        public init() {}
        public init(partition: Int32, fetchOffset: Int64, partitionMaxBytes: Int32) {
            self.partition = partition
            self.fetchOffset = fetchOffset
            self.partitionMaxBytes = partitionMaxBytes
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&partition, "partition")
            if coder.version >= 9 { try coder.code(&currentLeaderEpoch, "current_leader_epoch") }
            try coder.code(&fetchOffset, "fetch_offset")
            if coder.version >= 5 { try coder.code(&logStartOffset, "log_start_offset") }
            try coder.code(&partitionMaxBytes, "partition_max_bytes")
        }
    }

    public typealias FetchTopic = TopicPartitions<FetchPartition>

    public struct ForgottenTopic: KafkaCodable {
        public var topic = ""
        public var partitions: [Int32] = []

        public init() {}

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&topic, "topic")
            try coder.code(&partitions, "partitions")
        }
    }

    public var replicaId: Int32 = -1
    public var maxWaitMs: Int32 = 500
    public var minBytes: Int32 = 1
    public var maxBytes: Int32 = 52_428_800
    /// 0: read uncommitted; 1: read committed (identical here: the broker has no transactions).
    public var isolationLevel: Int8 = 0
    public var sessionId: Int32 = 0
    public var sessionEpoch: Int32 = -1
    public var topics: [FetchTopic] = []
    public var forgottenTopicsData: [ForgottenTopic] = []
    public var rackId = ""

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&replicaId, "replica_id")
        try coder.code(&maxWaitMs, "max_wait_ms")
        try coder.code(&minBytes, "min_bytes")
        if coder.version >= 3 { try coder.code(&maxBytes, "max_bytes") }
        if coder.version >= 4 { try coder.code(&isolationLevel, "isolation_level") }
        if coder.version >= 7 {
            try coder.code(&sessionId, "session_id")
            try coder.code(&sessionEpoch, "session_epoch")
        }
        try coder.code(&topics, "topics")
        if coder.version >= 7 { try coder.code(&forgottenTopicsData, "forgotten_topics_data") }
        if coder.version >= 11 { try coder.code(&rackId, "rack_id") }
    }
}
