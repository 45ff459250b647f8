import EventLog
import KafkaProtocol

extension RequestDispatcher {
    /// DescribeCluster: the one broker, which is also the controller.
    func describeCluster(_ request: DescribeClusterRequest, context: RequestContext) -> DescribeClusterResponse {
        // Endpoint type 1 asks for brokers, 2 for controllers (KIP-919), which a broker listener
        // does not answer for, as in Kafka.
        guard request.endpointType == 1 else {
            return DescribeClusterResponse(
                errorCode: ErrorCode.unsupportedEndpointType.rawValue,
                errorMessage: "unknown endpoint type \(request.endpointType)"
            )
        }
        return DescribeClusterResponse(
            errorMessage: nil,
            endpointType: 1,
            clusterId: configuration.clusterId,
            controllerId: configuration.nodeId,
            brokers: [
                .init(
                    brokerId: configuration.nodeId,
                    host: configuration.advertisedHost,
                    port: Int32(context.listenerPort)
                )
            ]
        )
    }

    /// OffsetForLeaderEpoch: this broker has always led every partition at epoch 0, so epoch 0
    /// ends at the log end and no other epoch has an end; a client's truncation check finds no
    /// divergence.
    func offsetForLeaderEpoch(_ request: OffsetForLeaderEpochRequest) -> OffsetForLeaderEpochResponse {
        OffsetForLeaderEpochResponse(
            topics: request.topics.map { topic in
                .init(
                    topic: topic.topic,
                    partitions: topic.partitions.map { wanted in
                        do {
                            let partition = try log.partition(topic: topic.topic, partition: wanted.partition)
                            guard wanted.currentLeaderEpoch <= 0 else {
                                return .init(
                                    errorCode: ErrorCode.unknownLeaderEpoch.rawValue,
                                    partition: wanted.partition
                                )
                            }
                            // Only epoch 0 ever existed: a later or negative one has no end offset.
                            let known = wanted.leaderEpoch == 0
                            return .init(
                                partition: wanted.partition,
                                leaderEpoch: known ? 0 : -1,
                                endOffset: known ? partition.latestOffset : -1
                            )
                        } catch {
                            return .init(errorCode: Self.errorCode(for: error).rawValue, partition: wanted.partition)
                        }
                    }
                )
            }
        )
    }
}
