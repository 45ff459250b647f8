import EventLog
import KafkaProtocol
import NIOCore

extension RequestDispatcher {
    /// Produce: appends each partition's batches; acks=all answers after the group fsync.
    func produce(_ request: ProduceRequest, context: RequestContext) -> EventLoopFuture<ProduceResponse?> {
        guard [0, 1, -1].contains(request.acks) else {
            let responses = request.topicData.map { topic in
                ProduceResponse.TopicProduceResponse(
                    name: topic.name,
                    partitionResponses: topic.partitionData.map {
                        .init(index: $0.index, errorCode: ErrorCode.invalidRequiredAcks.rawValue)
                    }
                )
            }
            return context.eventLoop.makeSucceededFuture(ProduceResponse(responses: responses))
        }
        var anyAppended = false
        let responses = request.topicData.map { topic in
            ProduceResponse.TopicProduceResponse(
                name: topic.name,
                partitionResponses: topic.partitionData.map { data in
                    let result = append(
                        data,
                        topic: topic.name,
                        transactionalId: request.transactionalId,
                        version: context.apiVersion
                    )
                    if result.errorCode == ErrorCode.none.rawValue { anyAppended = true }
                    return result
                }
            )
        }
        let response = ProduceResponse(responses: responses)
        switch request.acks {
        case 0:
            return context.eventLoop.makeSucceededFuture(nil)
        case -1 where anyAppended:
            let promise = context.eventLoop.makePromise(of: ProduceResponse?.self)
            log.whenDurable { result in
                switch result {
                case .success: promise.succeed(response)
                case .failure(let error): promise.succeed(Self.failAll(response, with: Self.errorCode(for: error)))
                }
            }
            return promise.futureResult
        default:
            return context.eventLoop.makeSucceededFuture(response)
        }
    }

    /// Appends one partition's records; before version 3 they are an old message set, stored
    /// as one record batch, as Kafka converts them.
    private func append(
        _ data: ProduceRequest.PartitionProduceData,
        topic: String,
        transactionalId: String?,
        version: Int16
    ) -> ProduceResponse.PartitionProduceResponse {
        guard var records = data.records, records.readableBytes > 0 else {
            return .init(
                index: data.index,
                errorCode: ErrorCode.invalidRecord.rawValue,
                errorMessage: "no record batch"
            )
        }
        do {
            let partition = try log.partition(topic: topic, partition: data.index)
            if version < 3 {
                do {
                    records = try LegacyMessageSet.recordBatch(fromProduced: records)
                } catch {
                    return .init(
                        index: data.index,
                        errorCode: ErrorCode.corruptMessage.rawValue,
                        errorMessage: "\(error)"
                    )
                }
            }
            let refusal = verifyTransactionalBatches(
                in: records,
                transactionalId: transactionalId,
                partition: TopicPartition(topic: topic, partition: data.index)
            )
            if let refusal {
                return .init(index: data.index, errorCode: refusal.error.rawValue, errorMessage: refusal.message)
            }
            let result = try partition.append(records)
            return .init(
                index: data.index,
                errorCode: ErrorCode.none.rawValue,
                baseOffset: result.baseOffset,
                logAppendTimeMs: result.timestampType == .logAppendTime ? result.logAppendTime : -1,
                logStartOffset: result.logStartOffset
            )
        } catch {
            logger.debug(
                "produce refused",
                metadata: ["topic": "\(topic)", "partition": "\(data.index)", "reason": "\(error)"]
            )
            return .init(index: data.index, errorCode: Self.errorCode(for: error).rawValue, errorMessage: "\(error)")
        }
    }

    /// The same answer with every successful partition turned into `error`: the data is written
    /// but not known to be durable, so the producer must not count it as acknowledged.
    private static func failAll(_ response: ProduceResponse, with error: ErrorCode) -> ProduceResponse {
        var failed = response
        for topic in failed.responses.indices {
            for partition in failed.responses[topic].partitionResponses.indices
            where failed.responses[topic].partitionResponses[partition].errorCode == 0 {
                failed.responses[topic].partitionResponses[partition].errorCode = error.rawValue
            }
        }
        return failed
    }

    /// Transactional batches need the request's transactional id and a transaction of theirs
    /// that holds the partition (AddPartitionsToTxn first), as Kafka 3.9 verifies.
    private func verifyTransactionalBatches(
        in records: ByteBuffer,
        transactionalId: String?,
        partition: TopicPartition
    ) -> (error: ErrorCode, message: String)? {
        var position = records.readerIndex
        while let header = RecordBatchHeader(from: records, at: position), header.totalSize > 0 {
            if header.attributes.isTransactional {
                guard let transactionalId else {
                    return (
                        .transactionalIdAuthorizationFailed,
                        "a transactional batch needs the request's transactional id"
                    )
                }
                let error = transactions.verifyProduce(
                    transactionalId: transactionalId,
                    producerId: header.producerId,
                    producerEpoch: header.producerEpoch,
                    partition: partition
                )
                guard error == .none else {
                    return (
                        error, "\(partition) is not in an open transaction of \(transactionalId) at this producer epoch"
                    )
                }
            }
            position += header.totalSize
        }
        return nil
    }
}
