import EventLog
import KafkaProtocol

extension RequestDispatcher {
    /// DeleteTopics: removes each topic with its files.
    func deleteTopics(_ request: DeleteTopicsRequest) -> DeleteTopicsResponse {
        DeleteTopicsResponse(
            responses: request.topicNames.map { name in
                do {
                    try log.deleteTopic(name)
                    logger.info("deleted topic", metadata: ["topic": "\(name)"])
                    return .init(name: name, errorCode: .none)
                } catch {
                    return .init(name: name, errorCode: Self.errorCode(for: error))
                }
            }
        )
    }
}
