/// The answer to a Produce request: per partition, the offset given to the first record or an error.
public struct ProduceResponse: KafkaCodable {
    public struct BatchIndexAndErrorMessage: KafkaCodable {
        public var batchIndex: Int32 = 0
        public var batchIndexErrorMessage: String?

        public init() {}
        public init(batchIndex: Int32, batchIndexErrorMessage: String?) {
            self.batchIndex = batchIndex
            self.batchIndexErrorMessage = batchIndexErrorMessage
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&batchIndex, "batch_index")
            try coder.code(&batchIndexErrorMessage, "batch_index_error_message")
        }
    }

    public struct PartitionResponse: KafkaCodable {
        public var index: Int32 = 0
        public var errorCode: Int16 = 0
        public var baseOffset: Int64 = -1
        public var logAppendTimeMs: Int64 = -1
        public var logStartOffset: Int64 = -1
        public var recordErrors: [BatchIndexAndErrorMessage] = []
        public var errorMessage: String?

        public init() {}
        public init(
            index: Int32,
            errorCode: ErrorCode,
            baseOffset: Int64 = -1,
            logAppendTimeMs: Int64 = -1,
            logStartOffset: Int64 = -1,
            errorMessage: String? = nil
        ) {
            self.index = index
            self.errorCode = errorCode.rawValue
            self.baseOffset = baseOffset
            self.logAppendTimeMs = logAppendTimeMs
            self.logStartOffset = logStartOffset
            self.errorMessage = errorMessage
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&index, "index")
            try coder.code(&errorCode, "error_code")
            try coder.code(&baseOffset, "base_offset")
            if coder.version >= 2 { try coder.code(&logAppendTimeMs, "log_append_time_ms") }
            if coder.version >= 5 { try coder.code(&logStartOffset, "log_start_offset") }
            if coder.version >= 8 {
                try coder.code(&recordErrors, "record_errors")
                try coder.code(&errorMessage, "error_message")
            }
        }
    }

    public typealias TopicResponse = TopicPartitions<PartitionResponse>

    public var responses: [TopicResponse] = []
    public var throttleTimeMs: Int32 = 0

    public init() {}
    public init(responses: [TopicResponse]) { self.responses = responses }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&responses, "responses")
        if coder.version >= 1 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
    }
}
