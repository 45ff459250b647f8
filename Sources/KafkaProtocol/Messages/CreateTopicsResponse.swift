/// The answer to CreateTopics: an error code and message per topic.
public struct CreateTopicsResponse: KafkaCodable {
    public struct Topic: KafkaCodable {
        public var name = ""
        public var errorCode: Int16 = 0
        public var errorMessage: String?

        public init() {}
        public init(name: String, errorCode: ErrorCode, errorMessage: String? = nil) {
            self.name = name
            self.errorCode = errorCode.rawValue
            self.errorMessage = errorMessage
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&name, "name")
            try coder.code(&errorCode, "error_code")
            if coder.version >= 1 { try coder.code(&errorMessage, "error_message") }
        }
    }

    public var throttleTimeMs: Int32 = 0
    public var topics: [Topic] = []

    public init() {}
    public init(topics: [Topic]) { self.topics = topics }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 2 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        try coder.code(&topics, "topics")
    }
}
