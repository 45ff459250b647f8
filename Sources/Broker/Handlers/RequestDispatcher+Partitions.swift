import EventLog
import KafkaProtocol

extension RequestDispatcher {
    /// CreatePartitions: grows topics; a manual assignment may only name this broker.
    func createPartitions(_ request: CreatePartitionsRequest) -> CreatePartitionsResponse {
        let counts = Dictionary(request.topics.map { ($0.name, 1) }, uniquingKeysWith: +)
        return CreatePartitionsResponse(
            results: request.topics.map { topic in
                func refuse(
                    _ error: ErrorCode,
                    _ message: String
                ) -> CreatePartitionsResponse.CreatePartitionsTopicResult {
                    .init(name: topic.name, errorCode: error.rawValue, errorMessage: message)
                }
                guard counts[topic.name] == 1 else {
                    return refuse(
                        .invalidRequest,
                        "Create topic partitions requests with duplicate topics \(topic.name)."
                    )
                }
                if let assignments = topic.assignments,
                    let current = log.describeTopic(topic.name)?.partitionCount,
                    assignments.count != Int(topic.count) - Int(current)
                {
                    return refuse(
                        .invalidReplicaAssignment,
                        "Increasing the number of partitions by \(Int(topic.count) - Int(current)) but \(assignments.count) assignments provided."
                    )
                }
                if let assignments = topic.assignments,
                    !assignments.allSatisfy({ $0.brokerIds == [configuration.nodeId] })
                {
                    return refuse(
                        .invalidReplicaAssignment,
                        "each new partition's replicas must be exactly this broker [\(configuration.nodeId)]"
                    )
                }
                do {
                    try log.createPartitions(topic.name, count: topic.count, validateOnly: request.validateOnly)
                    if !request.validateOnly {
                        logger.info(
                            "created partitions",
                            metadata: ["topic": "\(topic.name)", "partitions": "\(topic.count)"]
                        )
                    }
                    return .init(name: topic.name, errorMessage: nil)
                } catch {
                    let (code, message) = Self.failure(error)
                    return .init(name: topic.name, errorCode: code, errorMessage: message)
                }
            }
        )
    }

    /// DeleteRecords: moves each partition's start to the given offset (-1: the high watermark).
    func deleteRecords(_ request: DeleteRecordsRequest) -> DeleteRecordsResponse {
        DeleteRecordsResponse(
            topics: request.topics.map { topic in
                .init(
                    name: topic.name,
                    partitions: topic.partitions.map { wanted in
                        do {
                            let partition = try log.partition(topic: topic.name, partition: wanted.partitionIndex)
                            let start = try partition.deleteRecords(before: wanted.offset)
                            return .init(partitionIndex: wanted.partitionIndex, lowWatermark: start)
                        } catch {
                            return .init(
                                partitionIndex: wanted.partitionIndex,
                                lowWatermark: -1,
                                errorCode: Self.errorCode(for: error).rawValue
                            )
                        }
                    }
                )
            }
        )
    }
}
