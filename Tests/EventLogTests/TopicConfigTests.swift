import EventLog
import Foundation
import KafkaProtocol
import NIOCore
import Testing

@Suite struct TopicConfigTests {
    static let quiet = EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)

    private func withLog(
        _ configuration: EventLog.Configuration = Self.quiet,
        _ body: (EventLog, TemporaryDirectory) throws -> Void
    ) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: configuration)
        defer { log.close() }
        try body(log, directory)
    }

    @Test func describeListsEveryKafkaTopicConfigWithKafkasDefaults() throws {
        try withLog { log, _ in
            try log.createTopic("events", partitions: 1)
            let entries = try log.describeTopicConfigs("events")
            #expect(entries.map(\.name) == TopicConfigKey.all.map(\.name))
            #expect(entries.map(\.name) == entries.map(\.name).sorted())
            #expect(entries.count == 36)
            for entry in entries {
                let key = try #require(TopicConfigKey.all.first { $0.name == entry.name })
                #expect(entry.value == key.kafkaDefault, "\(entry.name)")
                #expect(entry.source == .defaultConfig)
                #expect(entry.isDefault && !entry.isReadOnly && !entry.isSensitive)
                #expect(entry.synonyms.last?.source == (key.brokerName == nil ? nil : .defaultConfig))
            }
            let retention = try #require(entries.first { $0.name == "retention.ms" })
            #expect(retention.type == .long && retention.isEnforced)
            #expect(
                retention.synonyms == [
                    ConfigEntry.Synonym(name: "log.retention.ms", value: "604800000", source: .defaultConfig)
                ]
            )
            #expect(entries.first { $0.name == "min.cleanable.dirty.ratio" }?.type == .double)
            #expect(entries.first { $0.name == "cleanup.policy" }?.type == .list)
            #expect(entries.first { $0.name == "compression.type" }?.isEnforced == false)
            #expect(
                try log.describeTopicConfigs("events", names: ["segment.ms", "no.such"]).map(\.name) == ["segment.ms"]
            )
            #expect(throws: EventLogError.unknownTopicOrPartition(topic: "nope", partition: -1)) {
                try log.describeTopicConfigs("nope")
            }
        }
    }

    @Test func configsGivenAtCreationAreDescribedAsTheTopicsAndSurviveRestart() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let configs = [
            "cleanup.policy": "compact", "delete.retention.ms": "900", "compression.type": "lz4",
            "flush.ms": "12345678",
        ]
        do {
            let log = try EventLog(directory: directory.path, configuration: Self.quiet)
            defer { log.close() }
            let description = try log.createTopic("state", partitions: 2, configs: configs)
            #expect(description.configuration.cleanupPolicy == .compact)
            #expect(description.configuration.deleteRetentionMilliseconds == 900)
            #expect(description.configOverrides == configs)
        }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        let entries = try log.describeTopicConfigs("state")
        for (name, value) in configs {
            let entry = try #require(entries.first { $0.name == name })
            #expect(entry.value == value && entry.source == .dynamicTopicConfig && !entry.isDefault)
            #expect(entry.synonyms.first == ConfigEntry.Synonym(name: name, value: value, source: .dynamicTopicConfig))
        }
        #expect(try log.partition(topic: "state", partition: 1).configuration.cleanupPolicy == .compact)
        #expect(throws: EventLogError.unknownConfiguration("dummy.doesntexist")) {
            try log.createTopic("other", partitions: 1, configs: ["dummy.doesntexist": "broker is verifying this"])
        }
        #expect(log.describeTopic("other") == nil)
    }

    @Test func alterConfigsReplacesEveryOverrideAndTakesEffectWithoutRestart() throws {
        try withLog { log, directory in
            try log.createTopic("events", partitions: 1, configs: ["retention.ms": "1000", "flush.ms": "5"])
            let partition = try log.partition(topic: "events", partition: 0)
            try partition.append(TestBatches.batch(payloadSize: 900))

            try log.alterTopicConfigs("events", replacingWith: ["max.message.bytes": "500", "segment.bytes": "1000"])
            #expect(
                log.describeTopic("events")?.configOverrides == ["max.message.bytes": "500", "segment.bytes": "1000"]
            )
            #expect(log.describeTopic("events")?.configuration.retentionMilliseconds == 604_800_000)
            #expect(throws: EventLogError.messageTooLarge(size: 961, limit: 500)) {
                try partition.append(TestBatches.batch(payloadSize: 900))
            }
            // The active segment holds 961 bytes: the next batch rolls under the new segment.bytes.
            try partition.append(TestBatches.batch(payloadSize: 400))
            #expect(partition.segmentCount == 2)

            try log.alterTopicConfigs("events", replacingWith: ["retention.bytes": "0", "retention.ms": "-1"])
            try partition.append(TestBatches.batch(payloadSize: 900))
            #expect(partition.enforceRetention() == 1)
            #expect(partition.earliestOffset == 1)

            // And after a restart the file says the same.
            let metadata = try String(contentsOfFile: directory.path + "/topics/events/topic.json", encoding: .utf8)
            #expect(metadata.contains("\"retention.bytes\" : \"0\""))
        }
    }

    @Test func badAlterationsChangeNothingAndSayWhatKafkaSays() throws {
        try withLog { log, directory in
            try log.createTopic("events", partitions: 1, configs: ["retention.ms": "1000"])
            let path = directory.path + "/topics/events/topic.json"
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let described = try log.describeTopicConfigs("events")
            let cases: [([String: String], String)] = [
                (["no.such.config": "1", "retention.ms": "5"], "Unknown topic config name: no.such.config"),
                (
                    ["retention.ms": "soon"],
                    "Invalid value soon for configuration retention.ms: Not a number of type LONG"
                ),
                (["retention.ms": "-2"], "Invalid value -2 for configuration retention.ms: Value must be at least -1"),
                (
                    ["segment.bytes": "13"],
                    "Invalid value 13 for configuration segment.bytes: Value must be at least 14"
                ),
                (
                    ["segment.bytes": "3000000000"],
                    "Invalid value 3000000000 for configuration segment.bytes: Not a number of type INT"
                ),
                (
                    ["min.cleanable.dirty.ratio": "1.5"],
                    "Invalid value 1.5 for configuration min.cleanable.dirty.ratio: Value must be no more than 1"
                ),
                (
                    ["cleanup.policy": "compact,shred"],
                    "Invalid value compact,shred for configuration cleanup.policy: String must be one of: compact, delete"
                ),
                (
                    ["message.timestamp.type": "BrokerTime"],
                    "Invalid value BrokerTime for configuration message.timestamp.type: String must be one of: CreateTime, LogAppendTime"
                ),
                (
                    ["preallocate": "yes"],
                    "Invalid value yes for configuration preallocate: Expected value to be either true or false"
                ),
                (
                    ["min.compaction.lag.ms": "10", "max.compaction.lag.ms": "5"],
                    "conflict topic config setting min.compaction.lag.ms (10) > max.compaction.lag.ms (5)"
                ),
                (
                    ["remote.storage.enable": "true"],
                    "Invalid value true for configuration remote.storage.enable: Tiered Storage functionality is disabled in the broker. Topic cannot be configured with remote log storage."
                ),
            ]
            for (configs, message) in cases {
                do throws(EventLogError) {
                    try log.alterTopicConfigs("events", replacingWith: configs)
                    Issue.record("\(configs) was accepted")
                } catch {
                    #expect(error.description == message)
                    #expect(error.kafkaErrorCode == 40)
                }
            }
            #expect(try log.describeTopicConfigs("events") == described)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(throws: EventLogError.unknownTopicOrPartition(topic: "nope", partition: -1)) {
                try log.alterTopicConfigs("nope", replacingWith: [:])
            }
        }
    }

    @Test func validateOnlyChecksAndChangesNothing() throws {
        try withLog { log, _ in
            try log.createTopic("events", partitions: 1)
            let answer = try log.alterTopicConfigs("events", replacingWith: ["retention.ms": "5"], validateOnly: true)
            #expect(answer.configuration.retentionMilliseconds == 5)
            #expect(log.describeTopic("events")?.configOverrides == [:])
            #expect(try log.partition(topic: "events", partition: 0).configuration.retentionMilliseconds == 604_800_000)
            #expect(throws: EventLogError.self) {
                try log.incrementalAlterTopicConfigs(
                    "events",
                    [ConfigAlteration(name: "retention.ms", operation: .set, value: "x")],
                    validateOnly: true
                )
            }
        }
    }

    @Test func incrementalAlterationsSetDeleteAppendAndSubtract() throws {
        try withLog { log, _ in
            try log.createTopic("events", partitions: 1, configs: ["retention.ms": "1000", "segment.ms": "60000"])
            var description = try log.incrementalAlterTopicConfigs(
                "events",
                [
                    ConfigAlteration(name: "retention.ms", operation: .delete, value: nil),
                    ConfigAlteration(name: "max.message.bytes", operation: .set, value: "2000"),
                    ConfigAlteration(name: "cleanup.policy", operation: .append, value: "compact"),
                ]
            )
            #expect(
                description.configOverrides == [
                    "segment.ms": "60000", "max.message.bytes": "2000", "cleanup.policy": "delete,compact",
                ]
            )
            #expect(description.configuration.cleanupPolicy == .compactAndDelete)
            #expect(try log.partition(topic: "events", partition: 0).configuration.maxMessageBytes == 2_000)
            description = try log.incrementalAlterTopicConfigs(
                "events",
                [ConfigAlteration(name: "cleanup.policy", operation: .subtract, value: "delete")]
            )
            #expect(description.configuration.cleanupPolicy == .compact)
            #expect(
                throws: EventLogError.configurationRejected(
                    "Config value append is not allowed for config key: retention.ms"
                )
            ) {
                try log.incrementalAlterTopicConfigs(
                    "events",
                    [ConfigAlteration(name: "retention.ms", operation: .append, value: "1")]
                )
            }
            #expect(throws: EventLogError.invalidRequest("Error due to duplicate config keys")) {
                try log.incrementalAlterTopicConfigs(
                    "events",
                    [
                        ConfigAlteration(name: "retention.ms", operation: .set, value: "1"),
                        ConfigAlteration(name: "retention.ms", operation: .delete, value: nil),
                    ]
                )
            }
            // Subtracting the last policy leaves an empty list, which Kafka's validator refuses.
            #expect(throws: EventLogError.self) {
                try log.incrementalAlterTopicConfigs(
                    "events",
                    [ConfigAlteration(name: "cleanup.policy", operation: .subtract, value: "compact")]
                )
            }
            #expect(log.describeTopic("events")?.configuration.cleanupPolicy == .compact)
        }
    }

    @Test func logAppendTimeStampsEachBatchAsKafkaDoes() throws {
        try withLog { log, _ in
            try log.createTopic("events", partitions: 1, configs: ["message.timestamp.type": "LogAppendTime"])
            let partition = try log.partition(topic: "events", partition: 0)
            let before = Int64(Date().timeIntervalSince1970 * 1000)
            let batches = TestBatches.concatenate([
                TestBatches.batch(records: 2, timestamp: 5),
                KeyedBatches.batch([("k", "v")], timestamp: 7, compression: .gzip),
            ])
            let result = try partition.append(batches)
            let after = Int64(Date().timeIntervalSince1970 * 1000)
            #expect(result.timestampType == .logAppendTime)
            #expect((before...after).contains(result.logAppendTime))
            let stored = try partition.read(from: 0, maxBytes: 10_000).records
            // `headers(in:)` checks each stored CRC.
            let headers = TestBatches.headers(in: stored)
            #expect(headers.map(\.baseOffset) == [0, 2])
            for header in headers {
                #expect(header.attributes.usesLogAppendTime)
                #expect(header.maxTimestamp == result.logAppendTime)
            }
            #expect(headers.map(\.baseTimestamp) == [5, 7])
            var iterator = RecordBatchIterator(stored)
            let first = try #require(try iterator.next())
            #expect(first.records.map(first.timestamp(of:)) == [result.logAppendTime, result.logAppendTime])
            #expect(try iterator.next()?.records.first?.value.map { String(buffer: $0) } == "v")
            #expect(try partition.offset(forTimestamp: result.logAppendTime) == 0)

            // Back to CreateTime, live: the next batch is kept as the producer stamped it.
            try log.alterTopicConfigs("events", replacingWith: [:])
            #expect(try partition.append(TestBatches.batch(timestamp: 9)).timestampType == .createTime)
            let last = TestBatches.headers(in: try partition.read(from: 3, maxBytes: 10_000).records)
            #expect(last.map(\.maxTimestamp) == [9])
            #expect(last.allSatisfy { !$0.attributes.usesLogAppendTime })
        }
    }

    @Test func compactedTopicsRefuseRecordsWithoutKeysAndCreateTimesAreBounded() throws {
        try withLog { log, _ in
            try log.createTopic("state", partitions: 1, configs: ["cleanup.policy": "compact"])
            let partition = try log.partition(topic: "state", partition: 0)
            #expect(
                throws: EventLogError.invalidRecord(
                    "Compacted topic cannot accept message without key in topic partition state-0."
                )
            ) {
                try partition.append(KeyedBatches.batch([("a", "1"), (nil, "2")], compression: .lz4))
            }
            #expect(partition.latestOffset == 0)
            try partition.append(KeyedBatches.batch([("a", "1"), ("b", nil)]))
            #expect(partition.latestOffset == 2)

            try log.createTopic("recent", partitions: 1, configs: ["message.timestamp.before.max.ms": "60000"])
            let recent = try log.partition(topic: "recent", partition: 0)
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            do throws(EventLogError) {
                try recent.append(KeyedBatches.batch([("a", "1")], timestamp: now - 120_000))
                Issue.record("a record two minutes old was accepted")
            } catch {
                #expect(error.kafkaErrorCode == 32)
                #expect(
                    error.description.hasPrefix("Timestamp \(now - 120_000) of message with offset 0 is out of range.")
                )
            }
            try recent.append(KeyedBatches.batch([("a", "1")], timestamp: now + 3_600_000))
            try log.alterTopicConfigs("recent", replacingWith: ["message.timestamp.difference.max.ms": "60000"])
            #expect(throws: EventLogError.self) {
                try recent.append(KeyedBatches.batch([("a", "1")], timestamp: now + 3_600_000))
            }
            #expect(recent.latestOffset == 1)
        }
    }

    @Test func brokerDefaultsShowAsStaticBrokerConfigsAndApplyToTopicsWithoutOverrides() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var configuration = Self.quiet
        configuration.defaultTopicConfiguration.retentionMilliseconds = 3_600_000
        do {
            let log = try EventLog(directory: directory.path, configuration: configuration)
            defer { log.close() }
            try log.createTopic("events", partitions: 1)
            let retention = try #require(try log.describeTopicConfigs("events", names: ["retention.ms"]).first)
            #expect(retention.value == "3600000" && retention.source == .staticBrokerConfig)
            #expect(retention.synonyms.map(\.source) == [.staticBrokerConfig, .defaultConfig])
            let broker = log.describeBrokerTopicDefaults(names: ["log.retention.ms", "message.max.bytes"])
            #expect(broker.map(\.name) == ["log.retention.ms", "message.max.bytes"])
            #expect(broker.map(\.value) == ["3600000", "1048588"])
            #expect(broker.map(\.source) == [.staticBrokerConfig, .defaultConfig])
            #expect(broker.allSatisfy { $0.isReadOnly })
        }
        // A topic follows the store's defaults where it sets nothing, as Kafka's topics follow the broker's.
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        #expect(log.describeTopic("events")?.configuration.retentionMilliseconds == 604_800_000)
    }

    @Test func aMetadataFileFromBeforeOverridesKeepsItsSettings() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let topicDirectory = directory.path + "/topics/legacy"
        try FileManager.default.createDirectory(atPath: topicDirectory + "/0", withIntermediateDirectories: true)
        try Data(#"{"partitionCount":1,"configuration":{"retentionMilliseconds":5000,"segmentBytes":1048576}}"#.utf8)
            .write(to: URL(fileURLWithPath: topicDirectory + "/topic.json"))
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        let description = try #require(log.describeTopic("legacy"))
        #expect(description.configOverrides == ["retention.ms": "5000", "segment.bytes": "1048576"])
        #expect(description.configuration.retentionMilliseconds == 5_000)
        #expect(description.configuration.cleanupPolicy == .delete)
    }
}
