/// The per-topic settings Kafka calls topic configs, with Kafka's defaults.
public struct TopicConfiguration: Sendable, Hashable, Codable {
    private enum CodingKeys: String, CodingKey {
        case retentionMilliseconds, retentionBytes, segmentBytes, segmentMilliseconds, maxMessageBytes
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

    /// Kafka's defaults: keep 7 days, no size limit, 1 GiB segments rolled weekly, 1 MiB batches.
    public init(
        retentionMilliseconds: Int64 = 604_800_000,
        retentionBytes: Int64 = -1,
        segmentBytes: Int = 1_073_741_824,
        segmentMilliseconds: Int64 = 604_800_000,
        maxMessageBytes: Int = 1_048_588
    ) {
        self.retentionMilliseconds = retentionMilliseconds
        self.retentionBytes = retentionBytes
        self.segmentBytes = segmentBytes
        self.segmentMilliseconds = segmentMilliseconds
        self.maxMessageBytes = maxMessageBytes
    }

    /// Checks the limits Kafka puts on these settings.
    public func validate() throws(EventLogError) {
        guard retentionMilliseconds >= -1 else {
            throw .invalidConfiguration(key: "retention.ms", value: "\(retentionMilliseconds)", reason: "below -1")
        }
        guard retentionBytes >= -1 else {
            throw .invalidConfiguration(key: "retention.bytes", value: "\(retentionBytes)", reason: "below -1")
        }
        guard segmentBytes >= 14, segmentBytes <= Int(Int32.max) else {
            throw .invalidConfiguration(
                key: "segment.bytes",
                value: "\(segmentBytes)",
                reason: "not in 14...2147483647"
            )
        }
        guard segmentMilliseconds >= 1 else {
            throw .invalidConfiguration(key: "segment.ms", value: "\(segmentMilliseconds)", reason: "below 1")
        }
        guard maxMessageBytes >= 0, maxMessageBytes <= Int(Int32.max) else {
            throw .invalidConfiguration(
                key: "max.message.bytes",
                value: "\(maxMessageBytes)",
                reason: "not in 0...2147483647"
            )
        }
    }

    /// Reads a stored configuration; settings missing from an older file take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = TopicConfiguration()
        retentionMilliseconds =
            try container.decodeIfPresent(Int64.self, forKey: .retentionMilliseconds) ?? defaults.retentionMilliseconds
        retentionBytes = try container.decodeIfPresent(Int64.self, forKey: .retentionBytes) ?? defaults.retentionBytes
        segmentBytes = try container.decodeIfPresent(Int.self, forKey: .segmentBytes) ?? defaults.segmentBytes
        segmentMilliseconds =
            try container.decodeIfPresent(Int64.self, forKey: .segmentMilliseconds) ?? defaults.segmentMilliseconds
        maxMessageBytes = try container.decodeIfPresent(Int.self, forKey: .maxMessageBytes) ?? defaults.maxMessageBytes
    }
}
