import EventLog
import KafkaProtocol

extension RequestDispatcher {
    /// DeleteTopics: removes each topic with its files. Version 6 names topics in `topics`
    /// (by name; this broker gives topics no ids), earlier versions in `topicNames`.
    func deleteTopics(_ request: DeleteTopicsRequest) -> DeleteTopicsResponse {
        let byName = request.topicNames.map { Optional($0) } + request.topics.map(\.name)
        return DeleteTopicsResponse(
            responses: byName.map { name in
                guard let name else {
                    return .init(
                        errorCode: ErrorCode.unknownTopicId.rawValue,
                        errorMessage: "topic ids are not used here"
                    )
                }
                do {
                    try log.deleteTopic(name)
                    logger.info("deleted topic", metadata: ["topic": "\(name)"])
                    return .init(name: name)
                } catch {
                    return .init(name: name, errorCode: Self.errorCode(for: error).rawValue)
                }
            }
        )
    }
}
