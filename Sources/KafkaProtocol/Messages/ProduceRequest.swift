import NIOCore

/// Produce (API key 0): record batches for partitions, with the durability the producer asks for.
public struct ProduceRequest: KafkaCodable {
    public struct PartitionData: KafkaCodable {
        public var index: Int32 = 0
        /// One or more RecordBatches exactly as the producer sent them.
        public var records: ByteBuffer?

        public init() {}
        public init(index: Int32, records: ByteBuffer?) {
            self.index = index
            self.records = records
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&index, "index")
            try coder.code(&records, "records")
        }
    }

    public typealias TopicData = TopicPartitions<PartitionData>

    public var transactionalId: String?
    /// 0: no answer; 1: answer once the leader wrote; -1: answer once durable as configured.
    public var acks: Int16 = -1
    public var timeoutMs: Int32 = 30_000
    public var topics: [TopicData] = []

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 3 { try coder.code(&transactionalId, "transactional_id") }
        try coder.code(&acks, "acks")
        try coder.code(&timeoutMs, "timeout_ms")
        try coder.code(&topics, "topic_data")
    }
}
