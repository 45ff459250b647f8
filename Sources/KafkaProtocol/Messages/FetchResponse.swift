import NIOCore

/// The answer to a Fetch request: per partition, the watermarks and the record batches read.
public struct FetchResponse: KafkaCodable {
    public struct AbortedTransaction: KafkaCodable {
        public var producerId: Int64 = 0
        public var firstOffset: Int64 = 0

        public init() {}

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&producerId, "producer_id")
            try coder.code(&firstOffset, "first_offset")
        }
    }

    public struct PartitionData: KafkaCodable {
        public var partitionIndex: Int32 = 0
        public var errorCode: Int16 = 0
        public var highWatermark: Int64 = -1
        public var lastStableOffset: Int64 = -1
        public var logStartOffset: Int64 = -1
        public var abortedTransactions: [AbortedTransaction]?
        public var preferredReadReplica: Int32 = -1
        public var records: ByteBuffer?

        public init() {}
        public init(
            partitionIndex: Int32,
            errorCode: ErrorCode,
            highWatermark: Int64 = -1,
            logStartOffset: Int64 = -1,
            records: ByteBuffer? = nil
        ) {
            self.partitionIndex = partitionIndex
            self.errorCode = errorCode.rawValue
            self.highWatermark = highWatermark
            self.lastStableOffset = highWatermark
            self.logStartOffset = logStartOffset
            self.records = records
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&partitionIndex, "partition_index")
            try coder.code(&errorCode, "error_code")
            try coder.code(&highWatermark, "high_watermark")
            if coder.version >= 4 {
                try coder.code(&lastStableOffset, "last_stable_offset")
                if coder.version >= 5 { try coder.code(&logStartOffset, "log_start_offset") }
                try coder.code(&abortedTransactions, "aborted_transactions")
            }
            if coder.version >= 11 { try coder.code(&preferredReadReplica, "preferred_read_replica") }
            try coder.code(&records, "records")
        }
    }

    public typealias TopicResponse = TopicPartitions<PartitionData>

    public var throttleTimeMs: Int32 = 0
    public var errorCode: Int16 = 0
    public var sessionId: Int32 = 0
    public var responses: [TopicResponse] = []

    public init() {}
    public init(responses: [TopicResponse]) { self.responses = responses }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 1 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        if coder.version >= 7 {
            try coder.code(&errorCode, "error_code")
            try coder.code(&sessionId, "session_id")
        }
        try coder.code(&responses, "responses")
    }
}
