import KafkaProtocol

extension RequestDispatcher {
    /// InitProducerId: a fresh producer id for an idempotent producer, epoch 0.
    func initProducerId() -> InitProducerIdResponse {
        InitProducerIdResponse(producerId: producerIds.next(), producerEpoch: 0)
    }
}
