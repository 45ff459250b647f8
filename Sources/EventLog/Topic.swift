/// A topic's description and its open partitions, as the store holds them.
struct Topic: Sendable {
    static let metadataFileName = "topic.json"

    var description: TopicDescription
    var partitions: [Partition]
}
