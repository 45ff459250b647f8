extension EventLog {
    /// Settings of the whole store.
    public struct Configuration: Sendable, Hashable {
        /// When appended data is forced to disk.
        public var flushPolicy: FlushPolicy
        /// Settings of topics created without explicit configs.
        public var defaultTopicConfiguration: TopicConfiguration
        /// Bytes of log between two entries of the sparse offset and time indexes.
        public var indexIntervalBytes: Int
        /// How often retention is checked in the background, in milliseconds; nil leaves it to callers
        /// of `enforceRetention`.
        public var retentionCheckIntervalMilliseconds: Int?
        /// How often the log cleaner looks for compacted topics' partitions due a pass, in
        /// milliseconds (Kafka's `log.cleaner.backoff.ms`); nil leaves it to callers of `compactAll`.
        public var cleanerIntervalMilliseconds: Int?
        /// Most keys one pass of the cleaner holds in memory (about 100 bytes each); a pass over
        /// more stops after the segment that reaches it, and the next pass goes on from there, as
        /// Kafka's `log.cleaner.dedupe.buffer.size` bounds its passes.
        public var cleanerMaximumKeys: Int
        /// Most partitions one topic may have. One broker gains no parallelism from more, while each
        /// costs a directory, a segment and start-up work; 1,000 are created in well under a second.
        public var maximumPartitionsPerTopic: Int
        /// Most partitions of all topics together, Kafka's usual ceiling for one broker.
        public var maximumPartitions: Int
        /// Most topics.
        public var maximumTopics: Int
        /// Most segment files held open at once; idle ones are closed, least recently used first, and
        /// reopened on demand, so the partition count is not bounded by the open-file limit.
        public var maximumOpenSegmentFiles: Int

        public init(
            flushPolicy: FlushPolicy = .always,
            defaultTopicConfiguration: TopicConfiguration = TopicConfiguration(),
            indexIntervalBytes: Int = 4_096,
            retentionCheckIntervalMilliseconds: Int? = 300_000,
            maximumPartitionsPerTopic: Int = 1_000,
            maximumPartitions: Int = 10_000,
            maximumTopics: Int = 1_000,
            maximumOpenSegmentFiles: Int = 256,
            cleanerIntervalMilliseconds: Int? = 15_000,
            cleanerMaximumKeys: Int = 1_000_000
        ) {
            self.cleanerMaximumKeys = cleanerMaximumKeys
            self.cleanerIntervalMilliseconds = cleanerIntervalMilliseconds
            self.flushPolicy = flushPolicy
            self.defaultTopicConfiguration = defaultTopicConfiguration
            self.indexIntervalBytes = indexIntervalBytes
            self.retentionCheckIntervalMilliseconds = retentionCheckIntervalMilliseconds
            self.maximumPartitionsPerTopic = maximumPartitionsPerTopic
            self.maximumPartitions = maximumPartitions
            self.maximumTopics = maximumTopics
            self.maximumOpenSegmentFiles = maximumOpenSegmentFiles
        }
    }
}
