/// A topic's name and its per-partition entries: the shape that most requests and responses
/// repeat, each with its own partition type.
public struct TopicPartitions<Partition: KafkaCodable>: KafkaCodable {
    public var name = ""
    public var partitions: [Partition] = []

    public init() {}
    public init(name: String, partitions: [Partition]) {
        self.name = name
        self.partitions = partitions
    }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&name, "name")
        try coder.code(&partitions, "partitions")
    }
}
