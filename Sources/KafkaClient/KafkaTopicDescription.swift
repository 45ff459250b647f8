/// A topic's partitions with their leaders, replicas and offsets.
public struct KafkaTopicDescription: Sendable, Hashable {
    /// One partition and the offsets that bound it.
    public struct Partition: Sendable, Hashable {
        public var id: Int32
        /// The broker id of the leader, or -1 when there is none.
        public var leader: Int32
        public var replicas: [Int32]
        public var inSyncReplicas: [Int32]
        public var watermarks: KafkaWatermarks

        public init(id: Int32, leader: Int32, replicas: [Int32], inSyncReplicas: [Int32], watermarks: KafkaWatermarks) {
            self.id = id
            self.leader = leader
            self.replicas = replicas
            self.inSyncReplicas = inSyncReplicas
            self.watermarks = watermarks
        }
    }

    public var name: String
    /// The partitions, ordered by id.
    public var partitions: [Partition]

    public init(name: String, partitions: [Partition]) {
        self.name = name
        self.partitions = partitions
    }
}
