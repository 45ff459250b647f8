/// A topic as Metadata and DescribeConfigs report it.
public struct TopicDescription: Sendable, Hashable {
    public var name: String
    public var partitionCount: Int32
    /// The settings the log acts on: the store's defaults with the topic's overrides applied.
    public var configuration: TopicConfiguration
    /// The Kafka topic configs set for this topic (CreateTopics, AlterConfigs), by name, as given.
    public var configOverrides: [String: String]

    public init(
        name: String,
        partitionCount: Int32,
        configuration: TopicConfiguration,
        configOverrides: [String: String] = [:]
    ) {
        self.name = name
        self.partitionCount = partitionCount
        self.configuration = configuration
        self.configOverrides = configOverrides
    }
}
