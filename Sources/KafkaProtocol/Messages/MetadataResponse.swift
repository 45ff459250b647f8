/// The answer to Metadata: the brokers, and each topic's partitions with their leader.
public struct MetadataResponse: KafkaCodable {
    public struct Broker: KafkaCodable {
        public var nodeId: Int32 = 0
        public var host = ""
        public var port: Int32 = 0
        public var rack: String?

        public init() {}
        public init(nodeId: Int32, host: String, port: Int32) {
            self.nodeId = nodeId
            self.host = host
            self.port = port
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&nodeId, "node_id")
            try coder.code(&host, "host")
            try coder.code(&port, "port")
            if coder.version >= 1 { try coder.code(&rack, "rack") }
        }
    }

    public struct Partition: KafkaCodable {
        public var errorCode: Int16 = 0
        public var partitionIndex: Int32 = 0
        public var leaderId: Int32 = 0
        public var leaderEpoch: Int32 = -1
        public var replicaNodes: [Int32] = []
        public var isrNodes: [Int32] = []
        public var offlineReplicas: [Int32] = []

        public init() {}
        /// A partition led by `leaderId`, its only replica.
        public init(partitionIndex: Int32, leaderId: Int32) {
            self.partitionIndex = partitionIndex
            self.leaderId = leaderId
            self.replicaNodes = [leaderId]
            self.isrNodes = [leaderId]
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&errorCode, "error_code")
            try coder.code(&partitionIndex, "partition_index")
            try coder.code(&leaderId, "leader_id")
            if coder.version >= 7 { try coder.code(&leaderEpoch, "leader_epoch") }
            try coder.code(&replicaNodes, "replica_nodes")
            try coder.code(&isrNodes, "isr_nodes")
            if coder.version >= 5 { try coder.code(&offlineReplicas, "offline_replicas") }
        }
    }

    public struct Topic: KafkaCodable {
        public var errorCode: Int16 = 0
        public var name = ""
        public var isInternal = false
        public var partitions: [Partition] = []
        public var topicAuthorizedOperations: Int32 = Int32.min

        public init() {}
        public init(errorCode: ErrorCode, name: String, partitions: [Partition]) {
            self.errorCode = errorCode.rawValue
            self.name = name
            self.partitions = partitions
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&errorCode, "error_code")
            try coder.code(&name, "name")
            if coder.version >= 1 { try coder.code(&isInternal, "is_internal") }
            try coder.code(&partitions, "partitions")
            if coder.version >= 8 { try coder.code(&topicAuthorizedOperations, "topic_authorized_operations") }
        }
    }

    public var throttleTimeMs: Int32 = 0
    public var brokers: [Broker] = []
    public var clusterId: String?
    public var controllerId: Int32 = -1
    public var topics: [Topic] = []
    public var clusterAuthorizedOperations: Int32 = Int32.min

    public init() {}
    public init(brokers: [Broker], clusterId: String?, controllerId: Int32, topics: [Topic]) {
        self.brokers = brokers
        self.clusterId = clusterId
        self.controllerId = controllerId
        self.topics = topics
    }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 3 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        try coder.code(&brokers, "brokers")
        if coder.version >= 2 { try coder.code(&clusterId, "cluster_id") }
        if coder.version >= 1 { try coder.code(&controllerId, "controller_id") }
        try coder.code(&topics, "topics")
        if coder.version >= 8 { try coder.code(&clusterAuthorizedOperations, "cluster_authorized_operations") }
    }
}
