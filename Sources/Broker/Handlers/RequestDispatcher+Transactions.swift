import EventLog
import KafkaProtocol
import NIOCore

extension RequestDispatcher {
    /// InitProducerId: a fresh producer id at epoch 0 for an idempotent producer; for a
    /// transactional id, the coordinator's id and next epoch (fencing older instances).
    func initProducerId(_ request: InitProducerIdRequest) -> InitProducerIdResponse {
        guard let transactionalId = request.transactionalId, !transactionalId.isEmpty else {
            return InitProducerIdResponse(producerId: producerIds.next(), producerEpoch: 0)
        }
        let (error, producerId, epoch) = transactions.initProducerId(
            transactionalId: transactionalId,
            timeoutMs: request.transactionTimeoutMs
        )
        return InitProducerIdResponse(errorCode: error.rawValue, producerId: producerId, producerEpoch: epoch)
    }

    /// AddPartitionsToTxn (versions 0-3, from producers).
    func addPartitionsToTxn(_ request: AddPartitionsToTxnRequest) -> AddPartitionsToTxnResponse {
        let partitions = request.v3AndBelowTopics.flatMap { topic in
            topic.partitions.map { TopicPartition(topic: topic.name, partition: $0) }
        }
        let errors = transactions.addPartitions(
            transactionalId: request.v3AndBelowTransactionalId,
            producerId: request.v3AndBelowProducerId,
            producerEpoch: request.v3AndBelowProducerEpoch,
            partitions: partitions
        )
        return AddPartitionsToTxnResponse(
            resultsByTopicV3AndBelow: request.v3AndBelowTopics.map { topic in
                .init(
                    name: topic.name,
                    resultsByPartition: topic.partitions.map { index in
                        let error = errors[TopicPartition(topic: topic.name, partition: index)] ?? .none
                        return .init(partitionIndex: index, partitionErrorCode: error.rawValue)
                    }
                )
            }
        )
    }

    /// AddOffsetsToTxn: the group's offsets join the transaction.
    func addOffsetsToTxn(_ request: AddOffsetsToTxnRequest) -> AddOffsetsToTxnResponse {
        let error = transactions.addOffsets(
            transactionalId: request.transactionalId,
            producerId: request.producerId,
            producerEpoch: request.producerEpoch,
            group: request.groupId
        )
        return AddOffsetsToTxnResponse(errorCode: error.rawValue)
    }

    /// TxnOffsetCommit: offsets that take effect when the transaction commits. A member of a
    /// live group must be current in it (KIP-447), as for OffsetCommit.
    func txnOffsetCommit(_ request: TxnOffsetCommitRequest) -> TxnOffsetCommitResponse {
        func answer(_ error: ErrorCode) -> TxnOffsetCommitResponse {
            TxnOffsetCommitResponse(
                topics: request.topics.map { topic in
                    .init(
                        name: topic.name,
                        partitions: topic.partitions.map {
                            .init(partitionIndex: $0.partitionIndex, errorCode: error.rawValue)
                        }
                    )
                }
            )
        }
        if request.generationId >= 0 || !request.memberId.isEmpty {
            let membership = groups.validateOffsetCommit(
                groupId: request.groupId,
                generationId: request.generationId,
                memberId: request.memberId,
                instanceId: request.groupInstanceId
            )
            guard membership == .none else { return answer(membership) }
        }
        let offsets = request.topics.flatMap { topic in
            topic.partitions.map {
                TransactionMetadata.PendingOffset(
                    group: request.groupId,
                    topic: topic.name,
                    partition: $0.partitionIndex,
                    offset: $0.committedOffset,
                    leaderEpoch: $0.committedLeaderEpoch,
                    metadata: $0.committedMetadata ?? ""
                )
            }
        }
        return answer(
            transactions.commitOffsets(
                transactionalId: request.transactionalId,
                producerId: request.producerId,
                producerEpoch: request.producerEpoch,
                offsets: offsets
            )
        )
    }

    /// EndTxn: commits or aborts, answered once the markers are durable.
    func endTxn(_ request: EndTxnRequest, context: RequestContext) -> EventLoopFuture<EndTxnResponse> {
        let error = transactions.end(
            transactionalId: request.transactionalId,
            producerId: request.producerId,
            producerEpoch: request.producerEpoch,
            committing: request.committed
        )
        let promise = context.eventLoop.makePromise(of: EndTxnResponse.self)
        guard error == .none else {
            promise.succeed(EndTxnResponse(errorCode: error.rawValue))
            return promise.futureResult
        }
        log.whenDurable { result in
            switch result {
            case .success: promise.succeed(EndTxnResponse())
            case .failure(let failure):
                promise.succeed(EndTxnResponse(errorCode: Self.errorCode(for: failure).rawValue))
            }
        }
        return promise.futureResult
    }
}
