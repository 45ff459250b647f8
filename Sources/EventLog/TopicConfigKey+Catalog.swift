extension TopicConfigKey {
    /// Every topic config of Kafka 3.9, sorted by name, with Kafka's defaults and rules.
    public static let all: [TopicConfigKey] = [
        TopicConfigKey(
            "cleanup.policy",
            .list,
            default: "delete",
            broker: "log.cleanup.policy",
            .list(items: ["compact", "delete"]),
            read: { $0.cleanupPolicy.kafkaList.joined(separator: ",") },
            apply: { configuration, value in
                configuration.cleanupPolicy = CleanupPolicy(kafkaList: ConfigValidator.listItems(value)) ?? .delete
            },
            refusal: { value in
                ConfigValidator.listItems(value).isEmpty ? "String must be one of: compact, delete" : nil
            }
        ),
        TopicConfigKey("compression.gzip.level", .int, default: "-1", broker: "compression.gzip.level", .gzipLevel),
        TopicConfigKey(
            "compression.lz4.level",
            .int,
            default: "9",
            broker: "compression.lz4.level",
            .int(minimum: 1, maximum: 17)
        ),
        TopicConfigKey(
            "compression.type",
            .string,
            default: "producer",
            broker: "compression.type",
            .choice(["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"])
        ),
        TopicConfigKey(
            "compression.zstd.level",
            .int,
            default: "3",
            broker: "compression.zstd.level",
            .int(minimum: -131_072, maximum: 22)
        ),
        TopicConfigKey(
            "delete.retention.ms",
            .long,
            default: "86400000",
            broker: "log.cleaner.delete.retention.ms",
            .long(minimum: 0),
            read: { String($0.deleteRetentionMilliseconds) },
            apply: { $0.deleteRetentionMilliseconds = long($1) }
        ),
        TopicConfigKey(
            "file.delete.delay.ms",
            .long,
            default: "60000",
            broker: "log.segment.delete.delay.ms",
            .long(minimum: 0)
        ),
        TopicConfigKey(
            "flush.messages",
            .long,
            default: "9223372036854775807",
            broker: "log.flush.interval.messages",
            .long(minimum: 1)
        ),
        TopicConfigKey(
            "flush.ms",
            .long,
            default: "9223372036854775807",
            broker: "log.flush.interval.ms",
            .long(minimum: 0)
        ),
        TopicConfigKey(
            "follower.replication.throttled.replicas",
            .list,
            default: "",
            broker: nil,
            .list(items: nil)
        ),
        TopicConfigKey(
            "index.interval.bytes",
            .int,
            default: "4096",
            broker: "log.index.interval.bytes",
            .int(minimum: 0)
        ),
        TopicConfigKey(
            "leader.replication.throttled.replicas",
            .list,
            default: "",
            broker: nil,
            .list(items: nil)
        ),
        TopicConfigKey(
            "local.retention.bytes",
            .long,
            default: "-2",
            broker: "log.local.retention.bytes",
            .long(minimum: -2)
        ),
        TopicConfigKey(
            "local.retention.ms",
            .long,
            default: "-2",
            broker: "log.local.retention.ms",
            .long(minimum: -2)
        ),
        TopicConfigKey(
            "max.compaction.lag.ms",
            .long,
            default: "9223372036854775807",
            broker: "log.cleaner.max.compaction.lag.ms",
            .long(minimum: 1),
            read: { String($0.maxCompactionLagMilliseconds) },
            apply: { $0.maxCompactionLagMilliseconds = long($1) }
        ),
        TopicConfigKey(
            "max.message.bytes",
            .int,
            default: "1048588",
            broker: "message.max.bytes",
            .int(minimum: 0),
            read: { String($0.maxMessageBytes) },
            apply: { $0.maxMessageBytes = Int(long($1)) }
        ),
        TopicConfigKey(
            "message.downconversion.enable",
            .boolean,
            default: "true",
            broker: "log.message.downconversion.enable",
            .boolean
        ),
        TopicConfigKey(
            "message.format.version",
            .string,
            default: "3.0-IV1",
            broker: "log.message.format.version",
            .string
        ),
        TopicConfigKey(
            "message.timestamp.after.max.ms",
            .long,
            default: "9223372036854775807",
            broker: "log.message.timestamp.after.max.ms",
            .long(minimum: 0),
            read: { String($0.messageTimestampAfterMaxMilliseconds) },
            apply: { $0.messageTimestampAfterMaxMilliseconds = long($1) }
        ),
        TopicConfigKey(
            "message.timestamp.before.max.ms",
            .long,
            default: "9223372036854775807",
            broker: "log.message.timestamp.before.max.ms",
            .long(minimum: 0),
            read: { String($0.messageTimestampBeforeMaxMilliseconds) },
            apply: { $0.messageTimestampBeforeMaxMilliseconds = long($1) }
        ),
        // Deprecated in Kafka 3.6; it still bounds both directions, applied after the two above.
        TopicConfigKey(
            "message.timestamp.difference.max.ms",
            .long,
            default: "9223372036854775807",
            broker: "log.message.timestamp.difference.max.ms",
            .long(minimum: 0),
            isEnforced: true
        ),
        TopicConfigKey(
            "message.timestamp.type",
            .string,
            default: "CreateTime",
            broker: "log.message.timestamp.type",
            .choice(["CreateTime", "LogAppendTime"]),
            read: { $0.messageTimestampType.rawValue },
            apply: { $0.messageTimestampType = TimestampType(rawValue: $1.trimmingWhitespace) ?? .createTime }
        ),
        TopicConfigKey(
            "min.cleanable.dirty.ratio",
            .double,
            default: "0.5",
            broker: "log.cleaner.min.cleanable.ratio",
            .double(minimum: 0, maximum: 1),
            read: { String($0.minCleanableDirtyRatio) },
            apply: { $0.minCleanableDirtyRatio = Double($1.trimmingWhitespace) ?? 0.5 }
        ),
        TopicConfigKey(
            "min.compaction.lag.ms",
            .long,
            default: "0",
            broker: "log.cleaner.min.compaction.lag.ms",
            .long(minimum: 0),
            read: { String($0.minCompactionLagMilliseconds) },
            apply: { $0.minCompactionLagMilliseconds = long($1) }
        ),
        TopicConfigKey("min.insync.replicas", .int, default: "1", broker: "min.insync.replicas", .int(minimum: 1)),
        TopicConfigKey("preallocate", .boolean, default: "false", broker: "log.preallocate", .boolean),
        TopicConfigKey(
            "remote.log.copy.disable",
            .boolean,
            default: "false",
            broker: nil,
            .boolean
        ),
        TopicConfigKey(
            "remote.log.delete.on.disable",
            .boolean,
            default: "false",
            broker: nil,
            .boolean
        ),
        TopicConfigKey(
            "remote.storage.enable",
            .boolean,
            default: "false",
            broker: nil,
            .boolean,
            isEnforced: true,
            refusal: { value in
                value.trimmingWhitespace.lowercased() == "true"
                    ? "Tiered Storage functionality is disabled in the broker. Topic cannot be configured with remote log storage."
                    : nil
            }
        ),
        TopicConfigKey(
            "retention.bytes",
            .long,
            default: "-1",
            broker: "log.retention.bytes",
            .long(minimum: nil),
            read: { String($0.retentionBytes) },
            apply: { $0.retentionBytes = long($1) }
        ),
        TopicConfigKey(
            "retention.ms",
            .long,
            default: "604800000",
            broker: "log.retention.ms",
            .long(minimum: -1),
            read: { String($0.retentionMilliseconds) },
            apply: { $0.retentionMilliseconds = long($1) }
        ),
        TopicConfigKey(
            "segment.bytes",
            .int,
            default: "1073741824",
            broker: "log.segment.bytes",
            .int(minimum: 14),
            read: { String($0.segmentBytes) },
            apply: { $0.segmentBytes = Int(long($1)) }
        ),
        TopicConfigKey(
            "segment.index.bytes",
            .int,
            default: "10485760",
            broker: "log.index.size.max.bytes",
            .int(minimum: 4)
        ),
        TopicConfigKey("segment.jitter.ms", .long, default: "0", broker: "log.roll.jitter.ms", .long(minimum: 0)),
        TopicConfigKey(
            "segment.ms",
            .long,
            default: "604800000",
            broker: "log.roll.ms",
            .long(minimum: 1),
            read: { String($0.segmentMilliseconds) },
            apply: { $0.segmentMilliseconds = long($1) }
        ),
        TopicConfigKey(
            "unclean.leader.election.enable",
            .boolean,
            default: "false",
            broker: "unclean.leader.election.enable",
            .boolean
        ),
    ]

    /// A value that passed a `.long` or `.int` check, as a number.
    private static func long(_ value: String) -> Int64 {
        Int64(value.trimmingWhitespace) ?? 0
    }
}
