import CRdKafka
import Foundation

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

    /// Makes a list of offsets to commit, each with its metadata.
    convenience init(committing offsets: [KafkaTopicPartition: KafkaOffsetAndMetadata]) {
        let entries = Array(offsets)
        self.init(entries.map { ($0.key, $0.value.offset) })
        for (index, entry) in entries.enumerated() where !entry.value.metadata.isEmpty {
            // librdkafka frees the metadata with the list, so it gets its own copy from malloc.
            let bytes = Array(entry.value.metadata.utf8)
            let copy = malloc(bytes.count)!
            copy.copyMemory(from: bytes, byteCount: bytes.count)
            pointer.pointee.elems[index].metadata = copy
            pointer.pointee.elems[index].metadata_size = bytes.count
        }
    }

    deinit {
        rd_kafka_topic_partition_list_destroy(pointer)
    }

    /// The entries of a list that librdkafka filled in.
    static func entries(
        of list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>
    ) -> [(partition: KafkaTopicPartition, offset: Int64, metadata: String)] {
        (0..<Int(list.pointee.cnt)).map { index in
            let entry = list.pointee.elems[index]
            let metadata =
                entry.metadata.map {
                    String(decoding: UnsafeRawBufferPointer(start: $0, count: entry.metadata_size), as: UTF8.self)
                } ?? ""
            return (
                KafkaTopicPartition(topic: String(cString: entry.topic), partition: entry.partition),
                entry.offset, metadata
            )
        }
    }
}
