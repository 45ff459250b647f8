extension TopicConfiguration {
    /// The config names this log understands, as CreateTopics and DescribeConfigs spell them.
    public static let supportedKafkaConfigNames: [String] = [
        "cleanup.policy", "retention.ms", "retention.bytes", "segment.bytes", "segment.ms", "max.message.bytes",
    ]

    /// Applies Kafka config entries (`retention.ms` and so on) on top of `base`.
    ///
    /// Unknown names and unusable values throw, so CreateTopics can answer INVALID_CONFIG and create nothing.
    public init(kafkaConfigs: [String: String], base: TopicConfiguration = TopicConfiguration()) throws(EventLogError) {
        self = base
        for (key, value) in kafkaConfigs {
            switch key {
            case "cleanup.policy":
                guard value == "delete" else {
                    throw .invalidConfiguration(key: key, value: value, reason: "only 'delete' is supported")
                }
            case "retention.ms":
                retentionMilliseconds = try Self.integer(key, value, minimum: -1)
            case "retention.bytes":
                retentionBytes = try Self.integer(key, value, minimum: -1)
            case "segment.bytes":
                // Index entries hold 32-bit positions, as in Kafka.
                segmentBytes = Int(try Self.integer(key, value, minimum: 14, maximum: Int64(Int32.max)))
            case "segment.ms":
                segmentMilliseconds = try Self.integer(key, value, minimum: 1)
            case "max.message.bytes":
                maxMessageBytes = Int(try Self.integer(key, value, minimum: 0, maximum: Int64(Int32.max)))
            default:
                throw .invalidConfiguration(key: key, value: value, reason: "unknown or unsupported config")
            }
        }
        try validate()
    }

    /// The configuration as Kafka config entries, for DescribeConfigs.
    public var kafkaConfigs: [String: String] {
        [
            "cleanup.policy": "delete",
            "retention.ms": String(retentionMilliseconds),
            "retention.bytes": String(retentionBytes),
            "segment.bytes": String(segmentBytes),
            "segment.ms": String(segmentMilliseconds),
            "max.message.bytes": String(maxMessageBytes),
        ]
    }

    private static func integer(
        _ key: String,
        _ value: String,
        minimum: Int64,
        maximum: Int64 = Int64.max
    ) throws(EventLogError) -> Int64 {
        guard let number = Int64(value) else {
            throw .invalidConfiguration(key: key, value: value, reason: "not an integer")
        }
        guard number >= minimum, number <= maximum else {
            throw .invalidConfiguration(key: key, value: value, reason: "must be in \(minimum)...\(maximum)")
        }
        return number
    }
}
