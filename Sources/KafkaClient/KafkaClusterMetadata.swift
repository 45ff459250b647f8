import CRdKafka

/// What a cluster says about itself: its brokers and its topics with their partitions.
public struct KafkaClusterMetadata: Sendable, Hashable {
    /// One broker of the cluster.
    public struct Broker: Sendable, Hashable {
        public var id: Int32
        public var host: String
        public var port: Int
    }

    /// One partition of a topic and where its replicas live.
    public struct Partition: Sendable, Hashable {
        public var id: Int32
        /// The broker id of the leader, or -1 when there is none.
        public var leader: Int32
        public var replicas: [Int32]
        public var inSyncReplicas: [Int32]
        /// The error the broker reported for this partition, if any.
        public var error: KafkaError?
    }

    /// One topic and its partitions, ordered by partition id.
    public struct Topic: Sendable, Hashable {
        public var name: String
        public var partitions: [Partition]
        /// The error the broker reported for this topic, if any.
        public var error: KafkaError?
    }

    public var brokers: [Broker]
    /// The topics, ordered by name.
    public var topics: [Topic]
    /// The id of the broker that answered.
    public var originatingBrokerID: Int32

    /// The topic called `name`, if the cluster reported it without an error.
    public func topic(named name: String) -> Topic? {
        topics.first { $0.name == name && $0.error == nil }
    }

    init(_ native: rd_kafka_metadata) {
        brokers = (0..<Int(native.broker_cnt)).map { index in
            let broker = native.brokers[index]
            return Broker(id: broker.id, host: String(cString: broker.host), port: Int(broker.port))
        }
        topics = (0..<Int(native.topic_cnt)).map { index in
            let topic = native.topics[index]
            let partitions = (0..<Int(topic.partition_cnt)).map { partitionIndex in
                let partition = topic.partitions[partitionIndex]
                return Partition(
                    id: partition.id,
                    leader: partition.leader,
                    replicas: Array(UnsafeBufferPointer(start: partition.replicas, count: Int(partition.replica_cnt))),
                    inSyncReplicas: Array(UnsafeBufferPointer(start: partition.isrs, count: Int(partition.isr_cnt))),
                    error: KafkaError.optional(partition.err)
                )
            }
            return Topic(
                name: String(cString: topic.topic),
                partitions: partitions.sorted { $0.id < $1.id },
                error: KafkaError.optional(topic.err)
            )
        }
        .sorted { $0.name < $1.name }
        originatingBrokerID = native.orig_broker_id
    }
}

extension KafkaError {
    /// An error for `native`, or nil when it means success.
    static func optional(_ native: rd_kafka_resp_err_t) -> KafkaError? {
        native == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(native)
    }
}
