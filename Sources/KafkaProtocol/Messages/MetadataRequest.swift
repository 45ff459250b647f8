/// Metadata (API key 3): brokers, topics and partition leaders.
public struct MetadataRequest: KafkaCodable {
    /// The topics asked about; nil (or, at version 0, empty) asks for every topic.
    public var topics: [String]?
    public var allowAutoTopicCreation = true
    public var includeClusterAuthorizedOperations = false
    public var includeTopicAuthorizedOperations = false

    public init() {}

    /// Whether this request asks for every topic, by the rule of its version.
    public func asksForAllTopics(version: Int16) -> Bool {
        guard let topics else { return true }
        return version == 0 && topics.isEmpty
    }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&topics, "topics")
        if coder.version >= 4 { try coder.code(&allowAutoTopicCreation, "allow_auto_topic_creation") }
        if coder.version >= 8 {
            try coder.code(&includeClusterAuthorizedOperations, "include_cluster_authorized_operations")
            try coder.code(&includeTopicAuthorizedOperations, "include_topic_authorized_operations")
        }
    }
}
