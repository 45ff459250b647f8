import EventLog
import KafkaProtocol

extension RequestDispatcher {
    /// DeleteGroups: forgets groups without members and their committed offsets. A group with
    /// members is NON_EMPTY_GROUP, one never seen GROUP_ID_NOT_FOUND, as in Kafka.
    func deleteGroups(_ request: DeleteGroupsRequest) -> DeleteGroupsResponse {
        let withOffsets = Set(log.groupsWithCommittedOffsets())
        return DeleteGroupsResponse(
            results: request.groupsNames.map { groupId in
                func result(_ error: ErrorCode) -> DeleteGroupsResponse.DeletableGroupResult {
                    .init(groupId: groupId, errorCode: error.rawValue)
                }
                guard !groupId.isEmpty else { return result(.invalidGroupId) }
                let known = withOffsets.contains(groupId) || groups.group(groupId) != nil
                guard groups.removeIfEmpty(groupId) else { return result(.nonEmptyGroup) }
                guard known else { return result(.groupIdNotFound) }
                do {
                    try log.deleteCommittedOffsets(group: groupId)
                    logger.info("deleted group", metadata: ["group": "\(groupId)"])
                    return result(.none)
                } catch {
                    return result(Self.errorCode(for: error))
                }
            }
        )
    }

    /// OffsetDelete: forgets a group's offsets of some partitions, refusing partitions of topics
    /// that a live member subscribes to (GROUP_SUBSCRIBED_TO_TOPIC), as Kafka does.
    func offsetDelete(_ request: OffsetDeleteRequest) -> OffsetDeleteResponse {
        guard !request.groupId.isEmpty else {
            return OffsetDeleteResponse(errorCode: ErrorCode.invalidGroupId.rawValue)
        }
        let live = groups.group(request.groupId)
        guard live != nil || log.groupsWithCommittedOffsets().contains(request.groupId) else {
            return OffsetDeleteResponse(errorCode: ErrorCode.groupIdNotFound.rawValue)
        }
        let subscribed = Set(
            live.map { group in group.members.flatMap { $0.subscribedTopics(protocolName: group.protocolName ?? "") } }
                ?? []
        )
        var deleting = Set<TopicPartition>()
        var topics = request.topics.map { topic in
            OffsetDeleteResponse.OffsetDeleteResponseTopic(
                name: topic.name,
                partitions: topic.partitions.map { partition in
                    let error: ErrorCode
                    if subscribed.contains(topic.name) {
                        error = .groupSubscribedToTopic
                    } else if (try? log.partition(topic: topic.name, partition: partition.partitionIndex)) == nil {
                        error = .unknownTopicOrPartition
                    } else {
                        error = .none
                        deleting.insert(TopicPartition(topic: topic.name, partition: partition.partitionIndex))
                    }
                    return .init(partitionIndex: partition.partitionIndex, errorCode: error.rawValue)
                }
            )
        }
        do {
            try log.deleteCommittedOffsets(group: request.groupId, partitions: deleting)
        } catch {
            let code = Self.errorCode(for: error).rawValue
            for topic in topics.indices {
                for partition in topics[topic].partitions.indices
                where topics[topic].partitions[partition].errorCode == 0 {
                    topics[topic].partitions[partition].errorCode = code
                }
            }
        }
        return OffsetDeleteResponse(topics: topics)
    }
}
