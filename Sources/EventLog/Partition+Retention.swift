extension Partition {
    /// Deletes whole segments that are older than `retention.ms` or beyond `retention.bytes`,
    /// oldest first, and advances the log start offset past them. The active segment is never
    /// deleted; when it has expired by time it is first rolled, so the partition becomes empty
    /// with its log end offset kept.
    ///
    /// `now` is in epoch milliseconds, the current time by default. Returns how many segments were deleted. Readers that are in the middle of a deleted segment
    /// finish their read; the file disappears with their last reference.
    @discardableResult
    public func enforceRetention(now: Int64? = nil) -> Int {
        let now = now ?? Self.currentTimeMilliseconds()
        let configuration = configuration
        // A topic that is only compacted keeps its segments whatever their age and size, as in Kafka.
        guard configuration.cleanupPolicy.deletes else { return 0 }
        return maintenanceLock.withLock { _ in enforceRetention(now: now, configuration: configuration) }
    }

    private func enforceRetention(now: Int64, configuration: TopicConfiguration) -> Int {
        let deleted = state.withLock { state -> [LogSegment] in
            guard !state.isClosed else { return [] }
            var remainingBytes = state.segments.reduce(0) { $0 + Int64($1.size) }
            var count = 0
            while count < state.segments.count - 1 {
                let segment = state.segments[count]
                let expired =
                    configuration.retentionMilliseconds >= 0
                    && Self.newestTimestamp(of: segment, now: now) < now - configuration.retentionMilliseconds
                let oversized =
                    configuration.retentionBytes >= 0
                    && remainingBytes - Int64(segment.size) >= configuration.retentionBytes
                guard expired || oversized else { break }
                remainingBytes -= Int64(segment.size)
                count += 1
            }
            // Like Kafka, an active segment whose newest batch has expired is rolled so that it can
            // go too; otherwise a topic nobody writes to would keep its last segment forever.
            if count == state.segments.count - 1, let active = state.segments.last, !active.isEmpty,
                configuration.retentionMilliseconds >= 0,
                Self.newestTimestamp(of: active, now: now) < now - configuration.retentionMilliseconds,
                (try? roll(state: &state, now: now)) != nil
            {
                count += 1
            }
            guard count > 0 else { return [] }
            let deleted = Array(state.segments[0..<count])
            state.segments.removeFirst(count)
            // DeleteRecords may have moved the start past the first remaining segment's base already.
            state.logStartOffset = max(state.logStartOffset, state.segments[0].baseOffset)
            startOffset.store(state.logStartOffset, ordering: .releasing)
            return deleted
        }
        for segment in deleted {
            segment.removeFiles(directory: directory)
            logger.info(
                "retention deleted a segment",
                metadata: [
                    "partition": "\(topicPartition)",
                    "file": "\(segment.file.path)",
                    "offsets": "\(segment.baseOffset)..<\(segment.nextOffset)",
                    "bytes": "\(segment.size)",
                ]
            )
        }
        return deleted.count
    }

    /// The segment's largest batch timestamp; for batches without timestamps (-1, from old
    /// clients) the file's modification time, as Kafka does.
    static func newestTimestamp(of segment: LogSegment, now: Int64) -> Int64 {
        if segment.maxTimestamp >= 0 { return segment.maxTimestamp }
        return (try? segment.file.modificationTimeMilliseconds()) ?? now
    }
}
