extension EventLog {
    /// Runs one pass of the log cleaner over every partition whose topic compacts and is due one
    /// (see `Partition.compact`); returns how many partitions were compacted. A partition that
    /// fails is logged and left for the next pass; the others go on.
    @discardableResult
    public func compactAll(now: Int64? = nil) -> Int {
        let partitions = topics.withLock { topics in
            topics.values.filter { $0.description.configuration.cleanupPolicy.compacts }.flatMap(\.partitions)
        }
        var compacted = 0
        for partition in partitions {
            do {
                if try partition.compact(now: now) != nil { compacted += 1 }
            } catch .closed, .unknownTopicOrPartition {
                // Closed or deleted while the pass ran.
                continue
            } catch {
                logger.error(
                    "the log cleaner could not compact \(partition.topicPartition): \(error)",
                    metadata: ["partition": "\(partition.topicPartition)", "error": "\(error)"]
                )
            }
        }
        return compacted
    }
}
