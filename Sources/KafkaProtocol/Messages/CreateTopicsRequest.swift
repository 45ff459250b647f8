/// CreateTopics (API key 19).
public struct CreateTopicsRequest: KafkaCodable {
    public struct Assignment: KafkaCodable {
        public var partitionIndex: Int32 = 0
        public var brokerIds: [Int32] = []

        public init() {}

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&partitionIndex, "partition_index")
            try coder.code(&brokerIds, "broker_ids")
        }
    }

    public struct Config: KafkaCodable {
        public var name = ""
        public var value: String?

        public init() {}
        public init(name: String, value: String?) {
            self.name = name
            self.value = value
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&name, "name")
            try coder.code(&value, "value")
        }
    }

    public struct Topic: KafkaCodable {
        public var name = ""
        /// -1 asks for the broker's default.
        public var numPartitions: Int32 = -1
        public var replicationFactor: Int16 = -1
        public var assignments: [Assignment] = []
        public var configs: [Config] = []

        public init() {}
        public init(name: String, numPartitions: Int32, replicationFactor: Int16 = -1, configs: [Config] = []) {
            self.name = name
            self.numPartitions = numPartitions
            self.replicationFactor = replicationFactor
            self.configs = configs
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&name, "name")
            try coder.code(&numPartitions, "num_partitions")
            try coder.code(&replicationFactor, "replication_factor")
            try coder.code(&assignments, "assignments")
            try coder.code(&configs, "configs")
        }
    }

    public var topics: [Topic] = []
    public var timeoutMs: Int32 = 30_000
    public var validateOnly = false

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&topics, "topics")
        try coder.code(&timeoutMs, "timeout_ms")
        if coder.version >= 1 { try coder.code(&validateOnly, "validate_only") }
    }
}
