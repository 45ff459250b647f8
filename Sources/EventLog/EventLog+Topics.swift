import Foundation

extension EventLog {
    /// Creates a topic with `partitions` empty partitions; all or nothing, even across a crash.
    ///
    /// The topic is built in a staging directory and renamed into place, so a half-created topic
    /// is never seen. `configuration` defaults to the store's default topic configuration.
    @discardableResult
    public func createTopic(
        _ name: String,
        partitions partitionCount: Int32,
        configuration: TopicConfiguration? = nil
    ) throws(EventLogError) -> TopicDescription {
        try Self.validateTopicName(name)
        guard partitionCount >= 1 else { throw .invalidPartitions(partitionCount) }
        let configuration = configuration ?? self.configuration.defaultTopicConfiguration
        try configuration.validate()
        return try topics.withLock { topics throws(EventLogError) -> TopicDescription in
            guard !isClosed.load(ordering: .acquiring) else { throw .closed }
            guard topics[name] == nil else { throw .topicAlreadyExists(name) }
            let finalDirectory = topicsDirectory + "/" + name
            let staging = trashDirectory + "/create-" + UUID().uuidString
            do throws(EventLogError) {
                try FileSystem.makeDirectory(staging)
                let metadata = Topic.MetadataFile(partitionCount: partitionCount, configuration: configuration)
                let bytes: Data
                do {
                    bytes = try JSONEncoder().encode(metadata)
                } catch {
                    throw EventLogError.storage(operation: "encode", path: staging, errno: 0)
                }
                try FileSystem.write(Array(bytes), to: staging + "/" + Topic.metadataFileName, synchronize: true)
                for number in 0..<partitionCount {
                    let partitionDirectory = staging + "/" + String(number)
                    try FileSystem.makeDirectory(partitionDirectory)
                    try FileSystem.write(
                        [],
                        to: LogSegment.path(directory: partitionDirectory, baseOffset: 0, extension: "log"),
                        synchronize: false
                    )
                    try FileSystem.synchronizeDirectory(partitionDirectory)
                }
                try FileSystem.synchronizeDirectory(staging)
                try FileSystem.rename(staging, to: finalDirectory)
                try FileSystem.synchronizeDirectory(topicsDirectory)
            } catch {
                try? FileSystem.removeTree(staging)
                throw error
            }
            var partitions: [Partition] = []
            for number in 0..<partitionCount {
                partitions.append(
                    try Partition.open(
                        topicPartition: TopicPartition(topic: name, partition: number),
                        configuration: configuration,
                        directory: finalDirectory + "/" + String(number),
                        cleanShutdown: true,
                        indexIntervalBytes: self.configuration.indexIntervalBytes,
                        flusher: flusher,
                        logger: logger
                    )
                )
            }
            let description = TopicDescription(name: name, partitionCount: partitionCount, configuration: configuration)
            topics[name] = Topic(description: description, partitions: partitions)
            logger.info("created topic", metadata: ["topic": "\(name)", "partitions": "\(partitionCount)"])
            return description
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
