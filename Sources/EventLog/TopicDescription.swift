/// A topic as Metadata and DescribeConfigs report it.
public struct TopicDescription: Sendable, Hashable {
    public var name: String
    public var partitionCount: Int32
    public var configuration: TopicConfiguration

    public init(name: String, partitionCount: Int32, configuration: TopicConfiguration) {
        self.name = name
        self.partitionCount = partitionCount
        self.configuration = configuration
    }
}
