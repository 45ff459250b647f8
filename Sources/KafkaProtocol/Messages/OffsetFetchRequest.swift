/// OffsetFetch (API key 9): the offsets a consumer group last committed.
public struct OffsetFetchRequest: KafkaCodable {
    public struct Topic: KafkaCodable {
        public var name = ""
        public var partitionIndexes: [Int32] = []

        public init() {}
        public init(name: String, partitionIndexes: [Int32]) {
            self.name = name
            self.partitionIndexes = partitionIndexes
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&name, "name")
            try coder.code(&partitionIndexes, "partition_indexes")
        }
    }

    public var groupId = ""
    /// The partitions asked about; nil (version 2 and later) asks for all the group committed.
    public var topics: [Topic]? = []

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&groupId, "group_id")
        try coder.code(&topics, "topics")
    }
}
