/// DeleteTopics (API key 20).
public struct DeleteTopicsRequest: KafkaCodable {
    public var topicNames: [String] = []
    public var timeoutMs: Int32 = 30_000

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&topicNames, "topic_names")
        try coder.code(&timeoutMs, "timeout_ms")
    }
}
