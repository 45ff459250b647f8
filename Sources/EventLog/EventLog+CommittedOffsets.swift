extension EventLog {
    /// Stores a consumer group's offsets durably (merged with what it committed before).
    ///
    /// Blocks for one small file write and, unless the flush policy is `.never`, its fsync.
    public func commitOffsets(group: String, offsets: [TopicPartition: CommittedOffset]) throws(EventLogError) {
        guard !isClosed.load(ordering: .acquiring) else { throw .closed }
        try offsetStore.commit(group: group, offsets: offsets)
    }

    /// The offsets a group committed, by partition; empty for a group that committed nothing.
    public func committedOffsets(group: String) -> [TopicPartition: CommittedOffset] {
        offsetStore.offsets(group: group)
    }

    /// The groups that have committed offsets, sorted.
    public func groupsWithCommittedOffsets() -> [String] {
        offsetStore.groupNames
    }

    /// Forgets all of a group's committed offsets (DeleteGroups).
    public func deleteCommittedOffsets(group: String) throws(EventLogError) {
        try offsetStore.removeGroup(group)
    }

    /// Forgets a group's committed offsets of `partitions` (OffsetDelete).
    public func deleteCommittedOffsets(group: String, partitions: Set<TopicPartition>) throws(EventLogError) {
        try offsetStore.remove(group: group, partitions: partitions)
    }
}
