import EventLog
import KafkaProtocol

extension RequestDispatcher {
    /// CreateTopics: validates every topic, then creates those that pass (unless validate-only).
    func createTopics(_ request: CreateTopicsRequest) -> CreateTopicsResponse {
        let counts = Dictionary(request.topics.map { ($0.name, 1) }, uniquingKeysWith: +)
        return CreateTopicsResponse(
            topics: request.topics.map { topic in
                func refuse(_ error: ErrorCode, _ message: String) -> CreateTopicsResponse.CreatableTopicResult {
                    .init(name: topic.name, errorCode: error.rawValue, errorMessage: message)
                }
                guard counts[topic.name] == 1 else {
                    return refuse(.invalidRequest, "topic '\(topic.name)' appears more than once in the request")
                }
                guard topic.replicationFactor == -1 || topic.replicationFactor >= 1 else {
                    return refuse(.invalidReplicationFactor, "replication factor must be larger than 0")
                }
                guard topic.replicationFactor <= 1 else {
                    return refuse(
                        .invalidReplicationFactor,
                        "replication factor \(topic.replicationFactor) is larger than the 1 available broker"
                    )
                }
                // A manual assignment may only place each partition, once, on this broker.
                if !topic.assignments.isEmpty {
                    let indexes = topic.assignments.map(\.partitionIndex).sorted()
                    guard topic.numPartitions == -1, topic.replicationFactor == -1 else {
                        return refuse(
                            .invalidRequest,
                            "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time."
                        )
                    }
                    guard indexes == Array(0..<Int32(indexes.count)) else {
                        return refuse(.invalidReplicaAssignment, "partitions must be numbered 0 to n-1, each once")
                    }
                    guard topic.assignments.allSatisfy({ $0.brokerIds == [configuration.nodeId] }) else {
                        return refuse(
                            .invalidReplicaAssignment,
                            "each partition's replicas must be exactly this broker [\(configuration.nodeId)]"
                        )
                    }
                }
                let partitions =
                    !topic.assignments.isEmpty
                    ? Int32(topic.assignments.count)
                    : topic.numPartitions == -1 ? configuration.defaultPartitions : topic.numPartitions
                do {
                    let settings = Dictionary(
                        topic.configs.map { ($0.name, $0.value ?? "") },
                        uniquingKeysWith: { _, last in last }
                    )
                    // Checks every config name and value even when only validating.
                    _ = try TopicConfiguration(
                        kafkaConfigs: settings,
                        base: log.configuration.defaultTopicConfiguration
                    )
                    if request.validateOnly {
                        try log.validateNewTopic(topic.name, partitions: partitions)
                    } else {
                        _ = try log.createTopic(topic.name, partitions: partitions, configs: settings)
                        logger.info(
                            "created topic",
                            metadata: ["topic": "\(topic.name)", "partitions": "\(partitions)"]
                        )
                    }
                    // Version 5 answers with the topic's configs, as DescribeConfigs would.
                    let configs = (try? log.describeTopicConfigs(topic.name)).map { entries in
                        entries.map {
                            CreateTopicsResponse.CreatableTopicConfigs(
                                name: $0.name,
                                value: $0.value,
                                readOnly: $0.isReadOnly,
                                configSource: $0.source.rawValue,
                                isSensitive: $0.isSensitive
                            )
                        }
                    }
                    return .init(
                        name: topic.name,
                        errorMessage: nil,
                        numPartitions: partitions,
                        replicationFactor: 1,
                        configs: request.validateOnly ? [] : configs
                    )
                } catch {
                    return refuse(Self.errorCode(for: error), "\(error)")
                }
            }
        )
    }
}
