import Foundation
import Streams

/// Where a table's rows live, from its WITH options: a Kafka topic, files, or nowhere.
public enum TableConnector: Sendable, Hashable {
    /// A topic of the embedded broker: `'connector' = 'kafka'`.
    case kafka(KafkaTableOptions)
    /// Files under a directory, written by INSERT INTO: `'connector' = 'filesystem'`.
    case filesystem(FilesystemTableOptions)
    /// A sink that drops every row (Flink's `blackhole`), for benchmarks.
    case blackhole

    /// The connector the options name, with every option checked.
    ///
    /// An unknown connector, a missing required option, an option the connector does not have or a
    /// value it does not take is an error naming the option, and nothing is created.
    public static func make(options: [TableOption], at location: SourceLocation) throws(SQLError) -> TableConnector {
        var reader = TableOptionReader(options: options, at: location)
        let connector = try reader.required("connector")
        let made: TableConnector
        switch connector {
        case "kafka": made = .kafka(try KafkaTableOptions(&reader))
        case "filesystem": made = .filesystem(try FilesystemTableOptions(&reader))
        case "blackhole": made = .blackhole
        case "upsert-kafka":
            throw .unsupported(
                "the 'upsert-kafka' connector; use 'kafka' with a view for the latest row per key",
                at: reader.location(of: "connector")
            )
        default:
            throw .validation(
                "Could not find a connector named '\(connector)'. Kibitz has: 'kafka', 'filesystem', 'blackhole'",
                at: reader.location(of: "connector")
            )
        }
        try reader.refuseUnused(connector: connector)
        return made
    }

    /// The connector's name as written in WITH.
    public var name: String {
        switch self {
        case .kafka: "kafka"
        case .filesystem: "filesystem"
        case .blackhole: "blackhole"
        }
    }
}

/// The options of a Kafka table.
public struct KafkaTableOptions: Sendable, Hashable {
    public var topic: String
    /// The value format: `json` or `csv`.
    public var format: String
    /// The format's own options, keyed with the format's prefix (`json.ignore-parse-errors`).
    public var formatOptions: [String: String]
    /// Where a view first starts reading, and whether it stops at the end it found.
    public var reading: SourceReading
    /// `properties.bootstrap.servers`, when given.
    public var bootstrapServers: String?
    /// The columns whose values make the record key when INSERT INTO writes (`key.fields`).
    public var keyFields: [String]
    /// How the key is written: `raw` (one column's text) or `json` (an object of the key columns).
    public var keyFormat: String?

    init(_ reader: inout TableOptionReader) throws(SQLError) {
        topic = try reader.required("topic")
        let isLegalTopic =
            (1...249).contains(topic.utf8.count) && topic != "." && topic != ".."
            && topic.utf8.allSatisfy { byte in
                (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
        guard isLegalTopic else {
            throw .validation(
                "Invalid value for option 'topic': '\(topic)' is not a Kafka topic name (1 to 249 of the characters"
                    + " a-z, A-Z, 0-9, '.', '_', '-', and not '.' or '..')",
                at: reader.location(of: "topic")
            )
        }
        if reader.has("topic-pattern") {
            throw .unsupported("'topic-pattern'; name one topic", at: reader.location(of: "topic-pattern"))
        }
        let format: String
        if let valueFormat = reader.optional("value.format") {
            format = valueFormat
        } else {
            format = try reader.required("format")
        }
        guard ["json", "csv"].contains(format) else {
            throw .validation(
                "Could not find a format named '\(format)' for the kafka connector. Kibitz has: 'json', 'csv'",
                at: reader.location(of: reader.has("value.format") ? "value.format" : "format")
            )
        }
        self.format = format
        // Kept with the format's prefix, as RowFormats reads them; `value.json.x` is `json.x`.
        let prefix = format + "."
        formatOptions = Dictionary(
            (reader.takePrefixed(prefix).merging(reader.takePrefixed("value." + prefix)) { $1 }).map {
                (prefix + $0.key, $0.value)
            },
            uniquingKeysWith: { $1 }
        )
        keyFormat = reader.optional("key.format")
        if let keyFormat, keyFormat != "raw", keyFormat != "json" {
            throw .validation(
                "Could not find a key format named '\(keyFormat)'. Kibitz has: 'raw', 'json'",
                at: reader.location(of: "key.format")
            )
        }
        keyFields = reader.optional("key.fields").map { $0.split(separator: ";").map(String.init) } ?? []
        if keyFormat != nil, keyFields.isEmpty {
            throw .validation(
                "'key.format' needs 'key.fields': the columns that make the key",
                at: reader.location(of: "key.format")
            )
        }
        _ = reader.optional("value.fields-include")
        bootstrapServers = reader.optional("properties.bootstrap.servers")
        _ = reader.optional("properties.group.id")
        _ = reader.optional("scan.topic-partition-discovery.interval")
        _ = reader.optional("sink.partitioner")
        _ = reader.optional("sink.delivery-guarantee")
        _ = reader.optional("sink.parallelism")
        _ = reader.optional("scan.parallelism")
        reading = SourceReading(start: try Self.start(&reader), isBounded: try Self.isBounded(&reader))
    }

    private static func start(_ reader: inout TableOptionReader) throws(SQLError) -> SourceReading.Start {
        switch reader.optional("scan.startup.mode") ?? "group-offsets" {
        case "earliest-offset": return .earliest
        case "latest-offset": return .latest
        // Flink's default: the group's committed offsets, else the consumer's `auto.offset.reset`
        // (latest). A view is its own group that has committed nothing the first time.
        case "group-offsets":
            return reader.optional("properties.auto.offset.reset") == "earliest" ? .earliest : .latest
        case "timestamp":
            let text = try reader.required("scan.startup.timestamp-millis")
            guard let time = Int64(text) else {
                throw .validation(
                    "'scan.startup.timestamp-millis' must be milliseconds since the epoch, not '\(text)'",
                    at: reader.location(of: "scan.startup.timestamp-millis")
                )
            }
            return .timestamp(time)
        case "specific-offsets":
            throw .unsupported("'scan.startup.mode' = 'specific-offsets'", at: reader.location(of: "scan.startup.mode"))
        case let other:
            throw .validation(
                "Invalid value for option 'scan.startup.mode': '\(other)'. Supported values are"
                    + " [earliest-offset, latest-offset, group-offsets, timestamp]",
                at: reader.location(of: "scan.startup.mode")
            )
        }
    }

    private static func isBounded(_ reader: inout TableOptionReader) throws(SQLError) -> Bool {
        let mode = reader.optional("scan.bounded.mode") ?? "unbounded"
        switch mode {
        case "unbounded": return false
        case "latest-offset": return true
        case "group-offsets", "timestamp", "specific-offsets":
            throw .unsupported(
                "'scan.bounded.mode' = '\(mode)'; use 'latest-offset'",
                at: reader.location(of: "scan.bounded.mode")
            )
        case let other:
            throw .validation(
                "Invalid value for option 'scan.bounded.mode': '\(other)'. Supported values are [unbounded, latest-offset]",
                at: reader.location(of: "scan.bounded.mode")
            )
        }
    }
}

/// The options of a filesystem table.
public struct FilesystemTableOptions: Sendable, Hashable {
    /// The directory, relative to the server's `DATA_DIR/warehouse` (neither absolute nor with `..`).
    public var path: String
    public var format: String
    public var formatOptions: [String: String]
    /// `sink.rolling-policy.rollover-interval`: how often an INSERT INTO job rolls its rows into
    /// files; nil rolls after each checkpoint.
    public var rolloverIntervalMilliseconds: Int64?

    init(_ reader: inout TableOptionReader) throws(SQLError) {
        path = try reader.required("path")
        // The data directory is the engine's: here a path can only be kept from leaving it.
        guard !path.hasPrefix("/"), !path.split(separator: "/").contains(".."), !path.isEmpty else {
            throw .validation(
                "Invalid value for option 'path': '\(path)'; name a directory relative to DATA_DIR/warehouse,"
                    + " without '..'",
                at: reader.location(of: "path")
            )
        }
        format = try reader.required("format")
        guard format == "parquet" else {
            throw .unsupported(
                "the filesystem connector's format '\(format)'; Kibitz writes 'parquet'",
                at: reader.location(of: "format")
            )
        }
        formatOptions = reader.takePrefixed("parquet.")
        if let interval = reader.optional("sink.rolling-policy.rollover-interval") {
            guard let milliseconds = Self.milliseconds(interval), milliseconds > 0 else {
                throw .validation(
                    "Invalid value for option 'sink.rolling-policy.rollover-interval': '\(interval)' (a duration such"
                        + " as '10 s', '500 ms' or '30 min')",
                    at: reader.location(of: "sink.rolling-policy.rollover-interval")
                )
            }
            rolloverIntervalMilliseconds = milliseconds
        }
        for key in [
            "sink.rolling-policy.file-size",
            "sink.rolling-policy.check-interval", "partition.default-name", "sink.partition-commit.trigger",
            "sink.partition-commit.delay", "sink.partition-commit.policy.kind",
        ] {
            _ = reader.optional(key)
        }
    }

    /// A duration as Flink's `TimeUtils.parseDuration` reads it: a number and an optional unit
    /// (`ms`, `s`, `min`, `h`, `d` and their long names; milliseconds when none).
    static func milliseconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard let amount = Int64(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let scale: Int64
        switch unit {
        case "", "ms", "milli", "millis", "millisecond", "milliseconds": scale = 1
        case "s", "sec", "secs", "second", "seconds": scale = 1_000
        case "m", "min", "mins", "minute", "minutes": scale = 60_000
        case "h", "hour", "hours": scale = 3_600_000
        case "d", "day", "days": scale = 86_400_000
        default: return nil
        }
        let (milliseconds, overflow) = amount.multipliedReportingOverflow(by: scale)
        return overflow ? nil : milliseconds
    }
}
