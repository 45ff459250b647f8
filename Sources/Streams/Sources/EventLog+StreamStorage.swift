import EventLog

extension EventLog: StreamStorage {
    public func partitionLogs(of topic: String) -> [any PartitionLog]? {
        try? partitions(topic: topic)
    }

    public func partitionLogs(of topic: String, creatingWith partitions: Int32) throws -> [any PartitionLog] {
        if let existing = partitionLogs(of: topic) { return existing }
        do {
            try createTopic(topic, partitions: partitions)
        } catch .topicAlreadyExists {
            // Created meanwhile by a producer's auto-create: use that one.
        }
        return try self.partitions(topic: topic)
    }
}
