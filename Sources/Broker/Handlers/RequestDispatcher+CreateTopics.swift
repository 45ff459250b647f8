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
                guard topic.assignments.isEmpty else {
                    return refuse(.invalidReplicaAssignment, "manual replica assignment is not supported")
                }
                let partitions = topic.numPartitions == -1 ? configuration.defaultPartitions : topic.numPartitions
                do {
                    let settings = Dictionary(
                        topic.configs.map { ($0.name, $0.value ?? "") },
                        uniquingKeysWith: { _, last in last }
                    )
                    let topicConfiguration = try TopicConfiguration(
                        kafkaConfigs: settings,
                        base: log.configuration.defaultTopicConfiguration
                    )
                    if request.validateOnly {
                        try log.validateNewTopic(topic.name, partitions: partitions)
                    } else {
                        _ = try log.createTopic(topic.name, partitions: partitions, configuration: topicConfiguration)
                        logger.info(
                            "created topic",
                            metadata: ["topic": "\(topic.name)", "partitions": "\(partitions)"]
                        )
                    }
                    return .init(name: topic.name, errorMessage: nil, numPartitions: partitions, replicationFactor: 1)
                } catch {
                    return refuse(Self.errorCode(for: error), "\(error)")
                }
            }
        )
    }
}
