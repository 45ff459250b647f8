import EventLog
import KafkaProtocol

extension RequestDispatcher {
    /// ListOffsets: the log start (-2), the log end (-1), or the first offset at or after a time.
    ///
    /// Version 0 answers in `oldStyleOffsets`, a list of at most `maxNumOffsets` offsets, as
    /// Kafka 3.x still does for old monitors.
    func listOffsets(_ request: ListOffsetsRequest, context: RequestContext) -> ListOffsetsResponse {
        ListOffsetsResponse(
            topics: request.topics.map { topic in
                ListOffsetsResponse.ListOffsetsTopicResponse(
                    name: topic.name,
                    partitions: topic.partitions.map { wanted in
                        var answer = ListOffsetsResponse.ListOffsetsPartitionResponse(
                            partitionIndex: wanted.partitionIndex
                        )
                        do {
                            let partition = try log.partition(topic: topic.name, partition: wanted.partitionIndex)
                            switch wanted.timestamp {
                            case -1:
                                // read_committed consumers end at the last stable offset.
                                answer.offset =
                                    request.isolationLevel == 1 ? partition.lastStableOffset : partition.latestOffset
                            case -2, -4: answer.offset = partition.earliestOffset
                            default: answer.offset = try partition.offset(forTimestamp: wanted.timestamp) ?? -1
                            }
                            if context.apiVersion == 0 {
                                answer.oldStyleOffsets =
                                    wanted.maxNumOffsets > 0 && answer.offset >= 0 ? [answer.offset] : []
                            }
                        } catch {
                            answer.errorCode = Self.errorCode(for: error).rawValue
                        }
                        return answer
                    }
                )
            }
        )
    }
}
