extension EventLog {
    /// Kafka's CreatePartitions: grows `topic` to `count` partitions; the new ones start empty.
    ///
    /// Only growth is allowed: the same count or fewer is INVALID_PARTITIONS with Kafka's message,
    /// and the store's limits apply as for a new topic. With `validateOnly` nothing more happens.
    /// The new partitions are opened first and the topic's metadata file then replaced atomically,
    /// so a crash in between leaves the old count (the empty directories it left are reused).
    @discardableResult
    public func createPartitions(
        _ topic: String,
        count: Int32,
        validateOnly: Bool = false
    ) throws(EventLogError) -> TopicDescription {
        try topics.withLock { topics throws(EventLogError) -> TopicDescription in
            guard !isClosed.load(ordering: .acquiring) else { throw .closed }
            guard var entry = topics[topic] else { throw .unknownTopicOrPartition(topic: topic, partition: -1) }
            let current = entry.description.partitionCount
            guard count > current else {
                throw .partitionCountNotIncreased(topic: topic, current: current, requested: count)
            }
            guard Int(count) <= configuration.maximumPartitionsPerTopic else {
                throw .limitExceeded(
                    .partitionsPerTopic,
                    topic: topic,
                    requested: Int(count),
                    limit: configuration.maximumPartitionsPerTopic
                )
            }
            let total = topics.values.reduce(Int(count - current)) { $0 + $1.partitions.count }
            guard total <= configuration.maximumPartitions else {
                throw .limitExceeded(
                    .partitions,
                    topic: topic,
                    requested: total,
                    limit: configuration.maximumPartitions
                )
            }
            var description = entry.description
            description.partitionCount = count
            guard !validateOnly else { return description }

            let topicDirectory = topicsDirectory + "/" + topic
            var added: [Partition] = []
            do throws(EventLogError) {
                for number in current..<count {
                    let partitionDirectory = topicDirectory + "/" + String(number)
                    // Left by a crash after an earlier attempt opened it: it holds nothing acknowledged.
                    try FileSystem.removeTree(partitionDirectory)
                    added.append(
                        try Partition.open(
                            topicPartition: TopicPartition(topic: topic, partition: number),
                            configuration: description.configuration,
                            directory: partitionDirectory,
                            cleanShutdown: true,
                            environment: partitionEnvironment
                        )
                    )
                }
                try FileSystem.synchronizeDirectory(topicDirectory)
                try Topic.MetadataFile(description).write(to: topicDirectory + "/" + Topic.metadataFileName)
            } catch {
                for partition in added {
                    partition.close(persistingState: false)
                    try? FileSystem.removeTree(partition.directory)
                }
                throw error
            }
            entry.description = description
            entry.partitions += added
            topics[topic] = entry
            logger.info("created partitions", metadata: ["topic": "\(topic)", "from": "\(current)", "to": "\(count)"])
            return description
        }
    }
}
