import EventLog
import KafkaProtocol

extension RequestDispatcher {
    /// Metadata: this broker leads every partition; unknown topics are created if allowed.
    func metadata(_ request: MetadataRequest, context: RequestContext) -> MetadataResponse {
        let names: [String]
        // All topics: null from version 1 on, an empty list in version 0.
        if request.topics == nil || (context.apiVersion == 0 && request.topics?.isEmpty == true) {
            names = log.listTopics().map(\.name).sorted()
        } else {
            // Each topic once, as Kafka answers (a request naming one topic a million times is
            // a million-fold answer otherwise).
            var seen = Set<String>()
            names = (request.topics ?? []).compactMap(\.name).filter { seen.insert($0).inserted }
        }
        let mayCreate = configuration.autoCreateTopics && request.allowAutoTopicCreation
        let topics = names.map { name -> MetadataResponse.MetadataResponseTopic in
            var description = log.describeTopic(name)
            if description == nil && mayCreate {
                do {
                    description = try log.createTopic(name, partitions: configuration.defaultPartitions)
                    logger.info("created topic on first use", metadata: ["topic": "\(name)"])
                } catch EventLogError.topicAlreadyExists {
                    description = log.describeTopic(name)
                } catch {
                    return .init(errorCode: Self.errorCode(for: error).rawValue, name: name)
                }
            }
            guard let description else {
                return .init(errorCode: ErrorCode.unknownTopicOrPartition.rawValue, name: name)
            }
            let partitions = (0..<description.partitionCount).map {
                MetadataResponse.MetadataResponsePartition(
                    partitionIndex: $0,
                    leaderId: configuration.nodeId,
                    leaderEpoch: 0,
                    replicaNodes: [configuration.nodeId],
                    isrNodes: [configuration.nodeId]
                )
            }
            return .init(name: name, partitions: partitions)
        }
        return MetadataResponse(
            brokers: [broker(port: context.listenerPort)],
            clusterId: configuration.clusterId,
            controllerId: configuration.nodeId,
            topics: topics
        )
    }

    /// This broker as clients of the listener on `port` should reach it.
    func broker(port: Int) -> MetadataResponse.MetadataResponseBroker {
        MetadataResponse.MetadataResponseBroker(
            nodeId: configuration.nodeId,
            host: configuration.advertisedHost,
            port: Int32(port)
        )
    }
}
