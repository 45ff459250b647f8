import Foundation

extension EventLog {
    /// Creates a topic with `partitions` empty partitions; all or nothing, even across a crash.
    ///
    /// The name, the partition count and the store's limits are checked before any work. The topic
    /// is built in a staging directory under `trash/` (emptied at every start) and renamed into
    /// place; if its partitions then fail to open, it is renamed away again, so a half-created
    /// topic is never seen. `configuration` defaults to the store's default topic configuration.
    @discardableResult
    public func createTopic(
        _ name: String,
        partitions partitionCount: Int32,
        configuration: TopicConfiguration? = nil
    ) throws(EventLogError) -> TopicDescription {
        let defaults = self.configuration.defaultTopicConfiguration
        let configuration = configuration ?? defaults
        try configuration.validate()
        return try createTopic(
            TopicDescription(
                name: name,
                partitionCount: partitionCount,
                configuration: configuration,
                configOverrides: configuration.kafkaConfigs(differingFrom: defaults)
            )
        )
    }

    /// Creates a topic as `createTopic(_:partitions:configuration:)` does, with Kafka topic configs
    /// (CreateTopics' `configs`) over the store's defaults. Every name Kafka defines is accepted and
    /// kept as given (DescribeConfigs shows it); an unknown name or a bad value creates nothing.
    @discardableResult
    public func createTopic(
        _ name: String,
        partitions partitionCount: Int32,
        configs: [String: String]
    ) throws(EventLogError) -> TopicDescription {
        let configuration = try TopicConfiguration(
            kafkaConfigs: configs,
            base: self.configuration.defaultTopicConfiguration
        )
        return try createTopic(
            TopicDescription(
                name: name,
                partitionCount: partitionCount,
                configuration: configuration,
                configOverrides: configs
            )
        )
    }

    private func createTopic(_ description: TopicDescription) throws(EventLogError) -> TopicDescription {
        let name = description.name
        let partitionCount = description.partitionCount
        let configuration = description.configuration
        return try topics.withLock { topics throws(EventLogError) -> TopicDescription in
            guard !isClosed.load(ordering: .acquiring) else { throw .closed }
            try checkNewTopic(name, partitions: partitionCount, existing: topics)
            let finalDirectory = topicsDirectory + "/" + name
            try buildTopicDirectory(finalDirectory, description: description)
            var partitions: [Partition] = []
            do throws(EventLogError) {
                for number in 0..<partitionCount {
                    partitions.append(
                        try Partition.open(
                            topicPartition: TopicPartition(topic: name, partition: number),
                            configuration: configuration,
                            directory: finalDirectory + "/" + String(number),
                            cleanShutdown: true,
                            environment: partitionEnvironment
                        )
                    )
                }
            } catch {
                for partition in partitions { partition.close(persistingState: false) }
                let trash = trashDirectory + "/failed-" + UUID().uuidString
                if (try? FileSystem.rename(finalDirectory, to: trash)) != nil {
                    try? FileSystem.synchronizeDirectory(topicsDirectory)
                    try? FileSystem.removeTree(trash)
                }
                throw error
            }
            topics[name] = Topic(description: description, partitions: partitions)
            logger.info("created topic", metadata: ["topic": "\(name)", "partitions": "\(partitionCount)"])
            return description
        }
    }

    /// Checks what `createTopic` would check before doing any work: the name, the partition count,
    /// that no such topic exists, and the store's limits. CreateTopics with validate-only uses it.
    public func validateNewTopic(_ name: String, partitions partitionCount: Int32) throws(EventLogError) {
        try topics.withLock { topics throws(EventLogError) in
            try checkNewTopic(name, partitions: partitionCount, existing: topics)
        }
    }

    private func checkNewTopic(
        _ name: String,
        partitions partitionCount: Int32,
        existing topics: [String: Topic]
    ) throws(EventLogError) {
        try Self.validateTopicName(name)
        guard partitionCount >= 1 else { throw .invalidPartitions(partitionCount) }
        let count = Int(partitionCount)
        guard count <= configuration.maximumPartitionsPerTopic else {
            throw .limitExceeded(
                .partitionsPerTopic,
                topic: name,
                requested: count,
                limit: configuration.maximumPartitionsPerTopic
            )
        }
        guard topics[name] == nil else { throw .topicAlreadyExists(name) }
        // As in Kafka: metric names turn '.' into '_', so 'a.b' and 'a_b' may not both exist.
        let collisionName = Self.collisionName(of: name)
        if let colliding = topics.keys.first(where: { Self.collisionName(of: $0) == collisionName }) {
            throw .invalidTopic(
                name: name,
                reason: "it collides with the existing topic '\(colliding)' ('.' and '_' are the same in metric names)"
            )
        }
        guard topics.count < configuration.maximumTopics else {
            throw .limitExceeded(.topics, topic: name, requested: topics.count + 1, limit: configuration.maximumTopics)
        }
        let total = topics.values.reduce(count) { $0 + $1.partitions.count }
        guard total <= configuration.maximumPartitions else {
            throw .limitExceeded(.partitions, topic: name, requested: total, limit: configuration.maximumPartitions)
        }
    }

    /// Writes the topic's metadata and empty partition directories in a staging directory, then
    /// renames it to `directory`. Partitions get their first segment when they are opened, so the
    /// whole topic costs two directory fsyncs whatever its partition count.
    private func buildTopicDirectory(_ directory: String, description: TopicDescription) throws(EventLogError) {
        let staging = trashDirectory + "/create-" + UUID().uuidString
        do throws(EventLogError) {
            try FileSystem.makeDirectory(staging)
            try Topic.MetadataFile(description).write(to: staging + "/" + Topic.metadataFileName)
            for number in 0..<description.partitionCount {
                try FileSystem.makeDirectory(staging + "/" + String(number))
            }
            try FileSystem.synchronizeDirectory(staging)
            try FileSystem.rename(staging, to: directory)
            try FileSystem.synchronizeDirectory(topicsDirectory)
        } catch {
            try? FileSystem.removeTree(staging)
            throw error
        }
    }

    /// Deletes a topic, its files and the committed offsets of every group in it.
    ///
    /// Pending reads finish; later operations on its partitions throw `closed`.
    public func deleteTopic(_ name: String) throws(EventLogError) {
        let (topic, trash) = try topics.withLock { topics throws(EventLogError) -> (Topic, String) in
            guard !isClosed.load(ordering: .acquiring) else { throw .closed }
            guard let topic = topics[name] else {
                throw .unknownTopicOrPartition(topic: name, partition: -1)
            }
            // Renamed away first so that a crash during the removal cannot bring the topic back.
            let trash = trashDirectory + "/delete-" + UUID().uuidString
            try FileSystem.rename(topicsDirectory + "/" + name, to: trash)
            topics[name] = nil
            try FileSystem.synchronizeDirectory(topicsDirectory)
            return (topic, trash)
        }
        for partition in topic.partitions { partition.close(persistingState: false) }
        try FileSystem.removeTree(trash)
        try offsetStore.removeTopic(name)
        logger.info("deleted topic", metadata: ["topic": "\(name)"])
    }

    /// The topic's description, or nil if there is no such topic.
    public func describeTopic(_ name: String) -> TopicDescription? {
        topics.withLock { $0[name]?.description }
    }

    /// Every topic, sorted by name.
    public func listTopics() -> [TopicDescription] {
        topics.withLock { topics in topics.values.map(\.description).sorted { $0.name < $1.name } }
    }

    /// One partition of a topic.
    public func partition(topic: String, partition: Int32) throws(EventLogError) -> Partition {
        let found = topics.withLock { topics -> Partition? in
            guard let partitions = topics[topic]?.partitions, partition >= 0, partition < partitions.count else {
                return nil
            }
            return partitions[Int(partition)]
        }
        guard let found else { throw .unknownTopicOrPartition(topic: topic, partition: partition) }
        return found
    }

    /// Every partition of a topic, in partition order.
    public func partitions(topic: String) throws(EventLogError) -> [Partition] {
        guard let partitions = topics.withLock({ $0[topic]?.partitions }) else {
            throw .unknownTopicOrPartition(topic: topic, partition: -1)
        }
        return partitions
    }
}
