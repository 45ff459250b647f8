import KafkaProtocol
import NIOCore

/// One request and one response per API, with every field set away from its default, so that a
/// field dropped or misplaced by a version condition changes the bytes.
enum MessageSamples {
    static func bytes(_ values: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: values) }

    static func requests() -> [APIKey: any KafkaCodable] {
        var produce = ProduceRequest()
        produce.transactionalId = "tx"
        produce.acks = 1
        produce.timeoutMs = 1500
        produce.topics = [
            .init(
                name: "moves",
                partitions: [.init(index: 2, records: bytes([1, 2, 3])), .init(index: 3, records: nil)]
            )
        ]

        var fetch = FetchRequest()
        fetch.maxWaitMs = 250
        fetch.minBytes = 10
        fetch.maxBytes = 4096
        fetch.isolationLevel = 1
        fetch.sessionId = 7
        fetch.sessionEpoch = 3
        var fetchPartition = FetchRequest.FetchPartition(partition: 1, fetchOffset: 99, partitionMaxBytes: 1024)
        fetchPartition.currentLeaderEpoch = 4
        fetchPartition.logStartOffset = 5
        fetch.topics = [.init(name: "games", partitions: [fetchPartition])]
        var forgotten = FetchRequest.ForgottenTopic()
        forgotten.topic = "old"
        forgotten.partitions = [0, 1]
        fetch.forgottenTopicsData = [forgotten]
        fetch.rackId = "rack-a"

        var listOffsets = ListOffsetsRequest()
        listOffsets.isolationLevel = 1
        var listPartition = ListOffsetsRequest.Partition(
            partitionIndex: 3,
            timestamp: ListOffsetsRequest.earliestTimestamp
        )
        listPartition.currentLeaderEpoch = 9
        listOffsets.topics = [.init(name: "moves", partitions: [listPartition])]

        var metadata = MetadataRequest()
        metadata.topics = ["games", "moves"]
        metadata.allowAutoTopicCreation = false
        metadata.includeClusterAuthorizedOperations = true
        metadata.includeTopicAuthorizedOperations = true

        var offsetCommit = OffsetCommitRequest()
        offsetCommit.groupId = "dashboard"
        offsetCommit.generationId = 4
        offsetCommit.memberId = "member-1"
        offsetCommit.groupInstanceId = "static-1"
        offsetCommit.retentionTimeMs = 60_000
        var commitPartition = OffsetCommitRequest.Partition(
            partitionIndex: 1,
            committedOffset: 42,
            committedMetadata: "m"
        )
        commitPartition.committedLeaderEpoch = 2
        offsetCommit.topics = [.init(name: "moves", partitions: [commitPartition])]

        var offsetFetch = OffsetFetchRequest()
        offsetFetch.groupId = "dashboard"
        offsetFetch.topics = [.init(name: "moves", partitionIndexes: [0, 1, 2])]

        var findCoordinator = FindCoordinatorRequest()
        findCoordinator.key = "dashboard"
        findCoordinator.keyType = 1

        var joinGroup = JoinGroupRequest()
        joinGroup.groupId = "dashboard"
        joinGroup.sessionTimeoutMs = 6000
        joinGroup.rebalanceTimeoutMs = 9000
        joinGroup.memberId = "member-1"
        joinGroup.groupInstanceId = "static-1"
        joinGroup.protocolType = "consumer"
        joinGroup.protocols = [
            .init(name: "range", metadata: bytes([0, 1])), .init(name: "roundrobin", metadata: bytes([2])),
        ]

        var heartbeat = HeartbeatRequest()
        heartbeat.groupId = "dashboard"
        heartbeat.generationId = 3
        heartbeat.memberId = "member-1"
        heartbeat.groupInstanceId = "static-1"

        var leaveGroup = LeaveGroupRequest()
        leaveGroup.groupId = "dashboard"
        leaveGroup.memberId = "member-1"
        leaveGroup.members = [.init(memberId: "member-1"), .init(memberId: "member-2")]

        var syncGroup = SyncGroupRequest()
        syncGroup.groupId = "dashboard"
        syncGroup.generationId = 3
        syncGroup.memberId = "member-1"
        syncGroup.groupInstanceId = "static-1"
        syncGroup.assignments = [.init(memberId: "member-1", assignment: bytes([9, 9]))]

        var describeGroups = DescribeGroupsRequest()
        describeGroups.groups = ["dashboard", "etl"]
        describeGroups.includeAuthorizedOperations = true

        var createTopics = CreateTopicsRequest()
        var topic = CreateTopicsRequest.Topic(
            name: "games",
            numPartitions: 6,
            replicationFactor: 1,
            configs: [.init(name: "retention.ms", value: "1000")]
        )
        var assignment = CreateTopicsRequest.Assignment()
        assignment.partitionIndex = 0
        assignment.brokerIds = [1]
        topic.assignments = [assignment]
        createTopics.topics = [topic]
        createTopics.timeoutMs = 5000
        createTopics.validateOnly = true

        var deleteTopics = DeleteTopicsRequest()
        deleteTopics.topicNames = ["games"]
        deleteTopics.timeoutMs = 5000

        var apiVersions = ApiVersionsRequest()
        apiVersions.clientSoftwareName = "librdkafka"
        apiVersions.clientSoftwareVersion = "2.0.2"

        var initProducerId = InitProducerIdRequest()
        initProducerId.transactionalId = "tx"
        initProducerId.transactionTimeoutMs = 1234

        return [
            .produce: produce, .fetch: fetch, .listOffsets: listOffsets, .metadata: metadata,
            .offsetCommit: offsetCommit, .offsetFetch: offsetFetch, .findCoordinator: findCoordinator,
            .joinGroup: joinGroup, .heartbeat: heartbeat, .leaveGroup: leaveGroup, .syncGroup: syncGroup,
            .describeGroups: describeGroups, .listGroups: ListGroupsRequest(), .apiVersions: apiVersions,
            .createTopics: createTopics, .deleteTopics: deleteTopics, .initProducerId: initProducerId,
        ]
    }

    static func responses() -> [APIKey: any KafkaCodable] {
        var producePartition = ProduceResponse.PartitionResponse(
            index: 1,
            errorCode: .none,
            baseOffset: 10,
            logAppendTimeMs: 77,
            logStartOffset: 3,
            errorMessage: "fine"
        )
        producePartition.recordErrors = [.init(batchIndex: 0, batchIndexErrorMessage: "bad")]
        var produce = ProduceResponse(responses: [.init(name: "moves", partitions: [producePartition])])
        produce.throttleTimeMs = 5

        var fetchPartition = FetchResponse.PartitionData(
            partitionIndex: 1,
            errorCode: .none,
            highWatermark: 100,
            logStartOffset: 2,
            records: bytes([1, 2, 3, 4])
        )
        var aborted = FetchResponse.AbortedTransaction()
        aborted.producerId = 8
        aborted.firstOffset = 9
        fetchPartition.abortedTransactions = [aborted]
        fetchPartition.preferredReadReplica = 1
        var fetch = FetchResponse(responses: [.init(name: "moves", partitions: [fetchPartition])])
        fetch.throttleTimeMs = 1
        fetch.errorCode = 0
        fetch.sessionId = 12

        var listPartition = ListOffsetsResponse.Partition(
            partitionIndex: 0,
            errorCode: .none,
            timestamp: 1000,
            offset: 5
        )
        listPartition.leaderEpoch = 3
        var listOffsets = ListOffsetsResponse(topics: [.init(name: "moves", partitions: [listPartition])])
        listOffsets.throttleTimeMs = 2

        var broker = MetadataResponse.Broker(nodeId: 1, host: "127.0.0.1", port: 9092)
        broker.rack = "rack-a"
        var partition = MetadataResponse.Partition(partitionIndex: 0, leaderId: 1)
        partition.leaderEpoch = 4
        partition.offlineReplicas = [2]
        var topic = MetadataResponse.Topic(errorCode: .none, name: "moves", partitions: [partition])
        topic.isInternal = true
        topic.topicAuthorizedOperations = 8
        var metadata = MetadataResponse(brokers: [broker], clusterId: "kibitz", controllerId: 1, topics: [topic])
        metadata.throttleTimeMs = 3
        metadata.clusterAuthorizedOperations = 16

        var offsetCommit = OffsetCommitResponse(topics: [
            .init(name: "moves", partitions: [.init(partitionIndex: 0, errorCode: .illegalGeneration)])
        ])
        offsetCommit.throttleTimeMs = 4

        var fetchedPartition = OffsetFetchResponse.Partition(partitionIndex: 0, committedOffset: 42, metadata: "m")
        fetchedPartition.committedLeaderEpoch = 2
        var offsetFetch = OffsetFetchResponse(
            topics: [.init(name: "moves", partitions: [fetchedPartition])],
            errorCode: .none
        )
        offsetFetch.throttleTimeMs = 5

        var findCoordinator = FindCoordinatorResponse(
            errorCode: .none,
            errorMessage: "ok",
            nodeId: 1,
            host: "localhost",
            port: 9092
        )
        findCoordinator.throttleTimeMs = 6

        var joinMember = JoinGroupResponse.Member(
            memberId: "member-1",
            groupInstanceId: "static-1",
            metadata: bytes([5])
        )
        joinMember.groupInstanceId = "static-1"
        var joinGroup = JoinGroupResponse(
            errorCode: .none,
            generationId: 2,
            protocolName: "range",
            leader: "member-1",
            memberId: "member-1",
            members: [joinMember]
        )
        joinGroup.throttleTimeMs = 7

        var heartbeat = HeartbeatResponse(errorCode: .rebalanceInProgress)
        heartbeat.throttleTimeMs = 8

        var leaveGroup = LeaveGroupResponse(errorCode: .none, members: [.init(memberId: "member-1", errorCode: .none)])
        leaveGroup.throttleTimeMs = 9

        var syncGroup = SyncGroupResponse(errorCode: .none, assignment: bytes([0, 1, 2]))
        syncGroup.throttleTimeMs = 10

        var describedMember = DescribeGroupsResponse.Member(
            memberId: "member-1",
            clientId: "rdkafka",
            clientHost: "/127.0.0.1",
            memberMetadata: bytes([1]),
            memberAssignment: bytes([2])
        )
        describedMember.groupInstanceId = "static-1"
        var describedGroup = DescribeGroupsResponse.Group(
            errorCode: .none,
            groupId: "dashboard",
            groupState: "Stable",
            protocolType: "consumer",
            protocolData: "range",
            members: [describedMember]
        )
        describedGroup.authorizedOperations = 32
        var describeGroups = DescribeGroupsResponse(groups: [describedGroup])
        describeGroups.throttleTimeMs = 11

        var listGroups = ListGroupsResponse(groups: [.init(groupId: "dashboard", protocolType: "consumer")])
        listGroups.throttleTimeMs = 12

        var apiVersions = ApiVersionsResponse(errorCode: .none)
        apiVersions.throttleTimeMs = 13

        var createTopics = CreateTopicsResponse(topics: [
            .init(name: "games", errorCode: .topicAlreadyExists, errorMessage: "exists")
        ])
        createTopics.throttleTimeMs = 14

        var deleteTopics = DeleteTopicsResponse(responses: [.init(name: "games", errorCode: .unknownTopicOrPartition)])
        deleteTopics.throttleTimeMs = 15

        var initProducerId = InitProducerIdResponse(errorCode: .none, producerId: 1000, producerEpoch: 2)
        initProducerId.throttleTimeMs = 16

        return [
            .produce: produce, .fetch: fetch, .listOffsets: listOffsets, .metadata: metadata,
            .offsetCommit: offsetCommit, .offsetFetch: offsetFetch, .findCoordinator: findCoordinator,
            .joinGroup: joinGroup, .heartbeat: heartbeat, .leaveGroup: leaveGroup, .syncGroup: syncGroup,
            .describeGroups: describeGroups, .listGroups: listGroups, .apiVersions: apiVersions,
            .createTopics: createTopics, .deleteTopics: deleteTopics, .initProducerId: initProducerId,
        ]
    }
}
