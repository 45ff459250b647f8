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
                            .init(
                                partitionIndex: $0.partitionIndex,
                                errorCode: error(topic.name, $0.partitionIndex).rawValue
                            )
                        }
                    )
                }
            )
        }
        guard !request.groupId.isEmpty else { return answer { _, _ in .invalidGroupId } }
        let membership = groups.validateOffsetCommit(
            groupId: request.groupId,
            generationId: request.generationIdOrMemberEpoch,
            memberId: request.memberId,
            instanceId: request.groupInstanceId
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

    /// OffsetFetch: the committed offsets, -1 where none was committed. Version 8 asks for
    /// several groups at once and gets one answer per group. With `requireStable` (KIP-447), a
    /// partition whose offset waits in an open transaction is UNSTABLE_OFFSET_COMMIT, so that a
    /// read_committed consumer retries instead of starting from an offset about to change.
    func offsetFetch(_ request: OffsetFetchRequest, context: RequestContext) -> OffsetFetchResponse {
        func unstable(_ group: String) -> Set<TopicPartition> {
            request.requireStable ? transactions.partitionsWithPendingOffsets(group: group) : []
        }
        guard context.apiVersion >= 8 else {
            let topics = committedOffsets(
                group: request.groupId,
                topics: request.topics?.map { ($0.name, $0.partitionIndexes) },
                unstable: unstable(request.groupId)
            )
            return OffsetFetchResponse(
                topics: topics.map { topic in
                    .init(
                        name: topic.name,
                        partitions: topic.partitions.map {
                            .init(
                                partitionIndex: $0.index,
                                committedOffset: $0.offset.offset,
                                metadata: $0.offset.metadata,
                                errorCode: $0.error.rawValue
                            )
                        }
                    )
                }
            )
        }
        return OffsetFetchResponse(
            groups: request.groups.map { group in
                let topics = committedOffsets(
                    group: group.groupId,
                    topics: group.topics?.map { ($0.name, $0.partitionIndexes) },
                    unstable: unstable(group.groupId)
                )
                return .init(
                    groupId: group.groupId,
                    topics: topics.map { topic in
                        .init(
                            name: topic.name,
                            partitions: topic.partitions.map {
                                .init(
                                    partitionIndex: $0.index,
                                    committedOffset: $0.offset.offset,
                                    metadata: $0.offset.metadata,
                                    errorCode: $0.error.rawValue
                                )
                            }
                        )
                    }
                )
            }
        )
    }

    /// The offsets of `group` for the asked partitions, or for every partition it committed when
    /// `topics` is nil; offset -1 where none was committed, and where `unstable` holds the partition.
    private func committedOffsets(
        group: String,
        topics: [(name: String, partitions: [Int32])]?,
        unstable: Set<TopicPartition>
    ) -> [(name: String, partitions: [(index: Int32, offset: CommittedOffset, error: ErrorCode)])] {
        let committed = log.committedOffsets(group: group)
        let wanted: [(name: String, partitions: [Int32])]
        if let topics {
            wanted = topics
        } else {
            let byTopic = Dictionary(grouping: committed.keys, by: \.topic)
            wanted = byTopic.keys.sorted().map { ($0, byTopic[$0]!.map(\.partition).sorted()) }
        }
        let none = CommittedOffset(offset: -1, leaderEpoch: -1, metadata: "")
        return wanted.map { topic in
            (
                topic.name,
                topic.partitions.map { index in
                    let key = TopicPartition(topic: topic.name, partition: index)
                    return unstable.contains(key)
                        ? (index, none, .unstableOffsetCommit) : (index, committed[key] ?? none, .none)
                }
            )
        }
    }
}
