/// The per-topic settings Kafka calls topic configs that the log acts on, with Kafka's defaults.
///
/// Kafka's other topic configs (replication, compression levels, flushing per topic) are kept as
/// given in the topic's overrides (`TopicDescription.configOverrides`) and described, but change
/// nothing on one broker; `TopicConfigKey.isEnforced` tells them apart.
public struct TopicConfiguration: Sendable, Hashable, Codable {
    private enum CodingKeys: String, CodingKey {
        case retentionMilliseconds, retentionBytes, segmentBytes, segmentMilliseconds, maxMessageBytes
        case cleanupPolicy, deleteRetentionMilliseconds, minCleanableDirtyRatio
        case minCompactionLagMilliseconds, maxCompactionLagMilliseconds
        case messageTimestampType, messageTimestampBeforeMaxMilliseconds, messageTimestampAfterMaxMilliseconds
    }

    /// How long a closed segment is kept after its newest record (`retention.ms`); -1 keeps forever.
    public var retentionMilliseconds: Int64
    /// Size of the partition above which the oldest segments are deleted (`retention.bytes`); -1: no limit.
    public var retentionBytes: Int64
    /// A segment rolls before it would grow past this size (`segment.bytes`).
    public var segmentBytes: Int
    /// A segment rolls once its first batch is this old (`segment.ms`).
    public var segmentMilliseconds: Int64
    /// Largest record batch accepted (`max.message.bytes`).
    public var maxMessageBytes: Int
    /// Deletion by retention, compaction, or both (`cleanup.policy`).
    public var cleanupPolicy: CleanupPolicy
    /// How long a tombstone stays readable after the cleaner first saw it (`delete.retention.ms`).
    public var deleteRetentionMilliseconds: Int64
    /// The share of the log not yet compacted above which the cleaner compacts (`min.cleanable.dirty.ratio`).
    public var minCleanableDirtyRatio: Double
    /// Records younger than this are never compacted (`min.compaction.lag.ms`).
    public var minCompactionLagMilliseconds: Int64
    /// Records older than this are compacted whatever the dirty ratio (`max.compaction.lag.ms`).
    public var maxCompactionLagMilliseconds: Int64
    /// The producer's timestamps or the broker's append time (`message.timestamp.type`).
    public var messageTimestampType: TimestampType
    /// How far in the past a create-time record may be stamped (`message.timestamp.before.max.ms`,
    /// also bounded by the deprecated `message.timestamp.difference.max.ms`).
    public var messageTimestampBeforeMaxMilliseconds: Int64
    /// How far in the future a create-time record may be stamped (`message.timestamp.after.max.ms`).
    public var messageTimestampAfterMaxMilliseconds: Int64

    /// Kafka's defaults: keep 7 days, no size limit, 1 GiB segments rolled weekly, 1 MiB batches,
    /// deletion rather than compaction, the producer's timestamps taken as they come.
    public init(
        retentionMilliseconds: Int64 = 604_800_000,
        retentionBytes: Int64 = -1,
        segmentBytes: Int = 1_073_741_824,
        segmentMilliseconds: Int64 = 604_800_000,
        maxMessageBytes: Int = 1_048_588,
        cleanupPolicy: CleanupPolicy = .delete,
        deleteRetentionMilliseconds: Int64 = 86_400_000,
        minCleanableDirtyRatio: Double = 0.5,
        minCompactionLagMilliseconds: Int64 = 0,
        maxCompactionLagMilliseconds: Int64 = .max,
        messageTimestampType: TimestampType = .createTime,
        messageTimestampBeforeMaxMilliseconds: Int64 = .max,
        messageTimestampAfterMaxMilliseconds: Int64 = .max
    ) {
        self.retentionMilliseconds = retentionMilliseconds
        self.retentionBytes = retentionBytes
        self.segmentBytes = segmentBytes
        self.segmentMilliseconds = segmentMilliseconds
        self.maxMessageBytes = maxMessageBytes
        self.cleanupPolicy = cleanupPolicy
        self.deleteRetentionMilliseconds = deleteRetentionMilliseconds
        self.minCleanableDirtyRatio = minCleanableDirtyRatio
        self.minCompactionLagMilliseconds = minCompactionLagMilliseconds
        self.maxCompactionLagMilliseconds = maxCompactionLagMilliseconds
        self.messageTimestampType = messageTimestampType
        self.messageTimestampBeforeMaxMilliseconds = messageTimestampBeforeMaxMilliseconds
        self.messageTimestampAfterMaxMilliseconds = messageTimestampAfterMaxMilliseconds
    }

    /// Checks the limits Kafka puts on these settings, with Kafka's messages.
    public func validate() throws(EventLogError) {
        for key in TopicConfigKey.all {
            guard let value = key.read?(self) else { continue }
            try key.check(value)
        }
        guard minCompactionLagMilliseconds <= maxCompactionLagMilliseconds else {
            throw .configurationRejected(
                "conflict topic config setting min.compaction.lag.ms (\(minCompactionLagMilliseconds)) > "
                    + "max.compaction.lag.ms (\(maxCompactionLagMilliseconds))"
            )
        }
    }

    /// Reads a stored configuration; settings missing from an older file take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = TopicConfiguration()
        func decode<Value: Decodable>(_ key: CodingKeys, _ fallback: Value) throws -> Value {
            try container.decodeIfPresent(Value.self, forKey: key) ?? fallback
        }
        retentionMilliseconds = try decode(.retentionMilliseconds, defaults.retentionMilliseconds)
        retentionBytes = try decode(.retentionBytes, defaults.retentionBytes)
        segmentBytes = try decode(.segmentBytes, defaults.segmentBytes)
        segmentMilliseconds = try decode(.segmentMilliseconds, defaults.segmentMilliseconds)
        maxMessageBytes = try decode(.maxMessageBytes, defaults.maxMessageBytes)
        cleanupPolicy = try decode(.cleanupPolicy, defaults.cleanupPolicy)
        deleteRetentionMilliseconds = try decode(.deleteRetentionMilliseconds, defaults.deleteRetentionMilliseconds)
        minCleanableDirtyRatio = try decode(.minCleanableDirtyRatio, defaults.minCleanableDirtyRatio)
        minCompactionLagMilliseconds = try decode(.minCompactionLagMilliseconds, defaults.minCompactionLagMilliseconds)
        maxCompactionLagMilliseconds = try decode(.maxCompactionLagMilliseconds, defaults.maxCompactionLagMilliseconds)
        messageTimestampType = try decode(.messageTimestampType, defaults.messageTimestampType)
        messageTimestampBeforeMaxMilliseconds = try decode(
            .messageTimestampBeforeMaxMilliseconds,
            defaults.messageTimestampBeforeMaxMilliseconds
        )
        messageTimestampAfterMaxMilliseconds = try decode(
            .messageTimestampAfterMaxMilliseconds,
            defaults.messageTimestampAfterMaxMilliseconds
        )
    }
}
