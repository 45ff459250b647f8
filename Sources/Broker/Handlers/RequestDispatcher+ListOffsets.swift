import EventLog
import KafkaProtocol

extension RequestDispatcher {
    /// ListOffsets: the log start (-2), the log end (-1), or the first offset at or after a time.
    func listOffsets(_ request: ListOffsetsRequest) -> ListOffsetsResponse {
        ListOffsetsResponse(
            topics: request.topics.map { topic in
                ListOffsetsResponse.Topic(
                    name: topic.name,
                    partitions: topic.partitions.map { wanted in
                        do {
                            let partition = try log.partition(topic: topic.name, partition: wanted.partitionIndex)
                            let offset: Int64
                            switch wanted.timestamp {
                            case ListOffsetsRequest.latestTimestamp: offset = partition.latestOffset
                            case ListOffsetsRequest.earliestTimestamp: offset = partition.earliestOffset
                            default: offset = try partition.offset(forTimestamp: wanted.timestamp) ?? -1
                            }
                            return .init(partitionIndex: wanted.partitionIndex, errorCode: .none, offset: offset)
                        } catch {
                            return .init(partitionIndex: wanted.partitionIndex, errorCode: Self.errorCode(for: error))
                        }
                    }
                )
            }
        )
    }
}
