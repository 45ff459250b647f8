/// The answer to DeleteTopics: an error code per topic.
public struct DeleteTopicsResponse: KafkaCodable {
    public struct Result: KafkaCodable {
        public var name = ""
        public var errorCode: Int16 = 0

        public init() {}
        public init(name: String, errorCode: ErrorCode) {
            self.name = name
            self.errorCode = errorCode.rawValue
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&name, "name")
            try coder.code(&errorCode, "error_code")
        }
    }

    public var throttleTimeMs: Int32 = 0
    public var responses: [Result] = []

    public init() {}
    public init(responses: [Result]) { self.responses = responses }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 1 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        try coder.code(&responses, "responses")
    }
}
