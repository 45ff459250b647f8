import EventLog
import KafkaProtocol

extension RequestDispatcher {
    /// Metadata: this broker leads every partition; unknown topics are created if allowed.
    func metadata(_ request: MetadataRequest, context: RequestContext) -> MetadataResponse {
        let names: [String]
        if request.asksForAllTopics(version: context.apiVersion) {
            names = log.listTopics().map(\.name).sorted()
        } else {
            names = request.topics ?? []
        }
        let mayCreate = configuration.autoCreateTopics && request.allowAutoTopicCreation
        let topics = names.map { name -> MetadataResponse.Topic in
            var description = log.describeTopic(name)
            if description == nil && mayCreate {
                do {
                    description = try log.createTopic(name, partitions: configuration.defaultPartitions)
                    logger.info("created topic on first use", metadata: ["topic": "\(name)"])
                } catch EventLogError.topicAlreadyExists {
                    description = log.describeTopic(name)
                } catch {
                    return MetadataResponse.Topic(errorCode: Self.errorCode(for: error), name: name, partitions: [])
                }
            }
            guard let description else {
                return MetadataResponse.Topic(errorCode: .unknownTopicOrPartition, name: name, partitions: [])
            }
            let partitions = (0..<description.partitionCount).map {
                MetadataResponse.Partition(partitionIndex: $0, leaderId: configuration.nodeId)
            }
            return MetadataResponse.Topic(errorCode: .none, name: name, partitions: partitions)
        }
        return MetadataResponse(
            brokers: [self.broker],
            clusterId: configuration.clusterId,
            controllerId: configuration.nodeId,
            topics: topics
        )
    }

    /// This broker as clients should reach it.
    var broker: MetadataResponse.Broker {
        MetadataResponse.Broker(
            nodeId: configuration.nodeId,
            host: configuration.advertisedHost,
            port: Int32(configuration.port)
        )
    }
}
