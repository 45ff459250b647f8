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

        public init(
            flushPolicy: FlushPolicy = .always,
            defaultTopicConfiguration: TopicConfiguration = TopicConfiguration(),
            indexIntervalBytes: Int = 4_096,
            retentionCheckIntervalMilliseconds: Int? = 300_000
        ) {
            self.flushPolicy = flushPolicy
            self.defaultTopicConfiguration = defaultTopicConfiguration
            self.indexIntervalBytes = indexIntervalBytes
            self.retentionCheckIntervalMilliseconds = retentionCheckIntervalMilliseconds
        }
    }
}
