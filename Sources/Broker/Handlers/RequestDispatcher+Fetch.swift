import EventLog
import KafkaProtocol
import NIOCore

extension RequestDispatcher {
    /// Fetch: reads what is there; if that is less than `minBytes`, waits for appends or `maxWaitMs`.
    func fetch(_ request: FetchRequest, context: RequestContext) -> EventLoopFuture<FetchResponse> {
        let (response, bytes) = readPartitions(request, version: context.apiVersion)
        if bytes >= Int(request.minBytes) || request.maxWaitMs <= 0 || Self.hasError(response) {
            return context.eventLoop.makeSucceededFuture(response)
        }
        let waiting = PendingFetch(
            dispatcher: self,
            request: request,
            version: context.apiVersion,
            eventLoop: context.eventLoop
        )
        return waiting.start()
    }

    private static func hasError(_ response: FetchResponse) -> Bool {
        response.responses.contains { $0.partitions.contains { $0.errorCode != 0 } }
    }

    /// The partitions the request reads, looked up once; nil for unknown ones.
    func partitions(of request: FetchRequest) -> [(FetchRequest.FetchPartition, Partition?)] {
        request.topics.flatMap { topic in
            topic.partitions.map { ($0, try? log.partition(topic: topic.topic, partition: $0.partition)) }
        }
    }

    /// Reads every requested partition within the request's byte limits.
    ///
    /// As in Kafka (KIP-74), only the first partition that returns data may exceed the limits with
    /// its first batch, so that a consumer always progresses; later partitions return only batches
    /// that fit what is left. An errored partition has empty records, never null ones, which
    /// librdkafka would refuse with the whole answer.
    func readPartitions(_ request: FetchRequest, version: Int16) -> (FetchResponse, bytes: Int) {
        var remaining = Int(request.maxBytes)
        var total = 0
        let topics = request.topics.map { topic in
            FetchResponse.FetchableTopicResponse(
                topic: topic.topic,
                partitions: topic.partitions.map { wanted in
                    let partition: Partition
                    do {
                        partition = try log.partition(topic: topic.topic, partition: wanted.partition)
                    } catch {
                        return .init(
                            partitionIndex: wanted.partition,
                            errorCode: Self.errorCode(for: error).rawValue,
                            highWatermark: -1,
                            records: ByteBuffer()
                        )
                    }
                    guard remaining > 0 else {
                        return .init(
                            partitionIndex: wanted.partition,
                            highWatermark: partition.latestOffset,
                            lastStableOffset: partition.lastStableOffset,
                            logStartOffset: partition.earliestOffset,
                            records: ByteBuffer()
                        )
                    }
                    do {
                        var read = try partition.read(
                            from: wanted.fetchOffset,
                            maxBytes: min(Int(wanted.partitionMaxBytes), remaining),
                            atLeastOneBatch: total == 0
                        )
                        let lastStableOffset = partition.lastStableOffset
                        var aborted: [FetchResponse.AbortedTransaction]? = nil
                        if request.isolationLevel == 1 {
                            read.records = Self.batches(of: read.records, before: lastStableOffset)
                            aborted = Self.abortedTransactions(in: read.records, of: partition)
                        }
                        remaining -= read.records.readableBytes
                        total += read.records.readableBytes
                        return .init(
                            partitionIndex: wanted.partition,
                            highWatermark: read.highWatermark,
                            lastStableOffset: lastStableOffset,
                            logStartOffset: read.logStartOffset,
                            abortedTransactions: aborted,
                            records: try Self.downConverted(read.records, version: version)
                        )
                    } catch {
                        return .init(
                            partitionIndex: wanted.partition,
                            errorCode: Self.errorCode(for: error).rawValue,
                            highWatermark: partition.latestOffset,
                            lastStableOffset: partition.lastStableOffset,
                            logStartOffset: partition.earliestOffset,
                            records: ByteBuffer()
                        )
                    }
                }
            )
        }
        return (FetchResponse(responses: topics), total)
    }

    /// Record batches as old clients read them: Fetch before version 4 carries messages of
    /// magic 1 (versions 2 and 3) or 0, converted as Kafka 3.x converts them.
    private static func downConverted(_ records: ByteBuffer, version: Int16) throws -> ByteBuffer {
        guard version < 4, records.readableBytes > 0 else { return records }
        return try LegacyMessageSet.encode(batches: records, magic: version >= 2 ? 1 : 0)
    }

    /// The leading batches of `records` that end before `offset` (read_committed stops at the
    /// last stable offset).
    static func batches(of records: ByteBuffer, before offset: Int64) -> ByteBuffer {
        var position = records.readerIndex
        while let header = RecordBatchHeader(from: records, at: position), header.lastOffset < offset,
            position + header.totalSize <= records.writerIndex
        {
            position += header.totalSize
        }
        return records.getSlice(at: records.readerIndex, length: position - records.readerIndex) ?? ByteBuffer()
    }

    /// The aborted transactions whose records lie in `records`, for the consumer to skip.
    private static func abortedTransactions(
        in records: ByteBuffer,
        of partition: Partition
    ) -> [FetchResponse.AbortedTransaction] {
        guard let first = RecordBatchHeader(from: records, at: records.readerIndex) else { return [] }
        var last = first.lastOffset
        var position = records.readerIndex
        while let header = RecordBatchHeader(from: records, at: position),
            position + header.totalSize <= records.writerIndex
        {
            last = header.lastOffset
            position += header.totalSize
        }
        return partition.abortedTransactions(overlapping: first.baseOffset..<(last + 1)).map {
            .init(producerId: $0.producerId, firstOffset: $0.firstOffset)
        }
    }
}
