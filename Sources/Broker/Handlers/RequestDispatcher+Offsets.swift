import EventLog
import KafkaProtocol

extension RequestDispatcher {
    /// OffsetCommit: stores the offsets durably if the member's generation is current.
    func offsetCommit(_ request: OffsetCommitRequest) -> OffsetCommitResponse {
        func answer(_ error: (String, Int32) -> ErrorCode) -> OffsetCommitResponse {
            OffsetCommitResponse(
                topics: request.topics.map { topic in
                    .init(
                        name: topic.name,
                        partitions: topic.partitions.map {
                            .init(partitionIndex: $0.partitionIndex, errorCode: error(topic.name, $0.partitionIndex))
                        }
                    )
                }
            )
        }
        guard !request.groupId.isEmpty else { return answer { _, _ in .invalidGroupId } }
        let membership = groups.validateOffsetCommit(
            groupId: request.groupId,
            generationId: request.generationId,
            memberId: request.memberId
        )
        guard membership == .none else { return answer { _, _ in membership } }

        var offsets: [TopicPartition: CommittedOffset] = [:]
        var refused: [TopicPartition: ErrorCode] = [:]
        for topic in request.topics {
            for partition in topic.partitions {
                let key = TopicPartition(topic: topic.name, partition: partition.partitionIndex)
                guard (try? log.partition(topic: topic.name, partition: partition.partitionIndex)) != nil else {
                    refused[key] = .unknownTopicOrPartition
                    continue
                }
                // Kept in memory and on disk for every group and partition: bounded as in Kafka
                // (offset.metadata.max.bytes).
                guard (partition.committedMetadata?.utf8.count ?? 0) <= configuration.offsetMetadataMaximumBytes
                else {
                    refused[key] = .offsetMetadataTooLarge
                    continue
                }
                offsets[key] = CommittedOffset(
                    offset: partition.committedOffset,
                    leaderEpoch: partition.committedLeaderEpoch,
                    metadata: partition.committedMetadata ?? ""
                )
            }
        }
        do {
            if !offsets.isEmpty {
                try log.commitOffsets(group: request.groupId, offsets: offsets)
            }
            return answer { topic, partition in refused[TopicPartition(topic: topic, partition: partition)] ?? .none }
        } catch {
            return answer { _, _ in Self.errorCode(for: error) }
        }
    }

    /// OffsetFetch: the committed offsets, -1 where none was committed.
    func offsetFetch(_ request: OffsetFetchRequest, context: RequestContext) -> OffsetFetchResponse {
        let committed = log.committedOffsets(group: request.groupId)
        let wanted: [OffsetFetchRequest.Topic]
        if let topics = request.topics {
            wanted = topics
        } else {
            let byTopic = Dictionary(grouping: committed.keys, by: \.topic)
            wanted = byTopic.keys.sorted().map { name in
                .init(name: name, partitionIndexes: byTopic[name]!.map(\.partition).sorted())
            }
        }
        return OffsetFetchResponse(
            topics: wanted.map { topic in
                .init(
                    name: topic.name,
                    partitions: topic.partitionIndexes.map { index in
                        let entry = committed[TopicPartition(topic: topic.name, partition: index)]
                        return .init(
                            partitionIndex: index,
                            committedOffset: entry?.offset ?? -1,
                            metadata: entry?.metadata ?? ""
                        )
                    }
                )
            }
        )
    }
}
