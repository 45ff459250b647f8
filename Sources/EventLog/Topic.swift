/// A topic's description and its open partitions, as the store holds them.
struct Topic: Sendable {
    /// The per-topic metadata file, next to the partition directories.
    struct MetadataFile: Codable {
        var partitionCount: Int32
        var configuration: TopicConfiguration
    }

    static let metadataFileName = "topic.json"

    var description: TopicDescription
    var partitions: [Partition]
}
