import CRdKafka

/// Owns an `rd_kafka_topic_partition_list_t` built from Swift values.
final class TopicPartitionList {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    /// Makes a list of partitions, each with an offset or librdkafka's "invalid" marker when nil.
    init(_ entries: [(KafkaTopicPartition, Int64?)]) {
        pointer = rd_kafka_topic_partition_list_new(Int32(clamping: entries.count))
        for (partition, offset) in entries {
            let entry = rd_kafka_topic_partition_list_add(pointer, partition.topic, partition.partition)!
            entry.pointee.offset = offset ?? Int64(RD_KAFKA_OFFSET_INVALID)
        }
    }

    deinit {
        rd_kafka_topic_partition_list_destroy(pointer)
    }

    /// The entries of a list that librdkafka filled in.
    static func entries(
        of list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>
    ) -> [(partition: KafkaTopicPartition, offset: Int64)] {
        (0..<Int(list.pointee.cnt)).map { index in
            let entry = list.pointee.elems[index]
            return (KafkaTopicPartition(topic: String(cString: entry.topic), partition: entry.partition), entry.offset)
        }
    }
}
