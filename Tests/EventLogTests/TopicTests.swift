import EventLog
import Testing

@Suite struct TopicTests {
    static let configuration = EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)

    @Test(arguments: ["", ".", "..", "has space", "slash/name", "ünïcode", "star*", String(repeating: "a", count: 250)])
    func invalidTopicNamesAreRejectedAndNothingIsCreated(name: String) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        defer { log.close() }
        do {
            try log.createTopic(name, partitions: 1)
            Issue.record("'\(name)' was accepted")
        } catch {
            #expect(error.kafkaErrorCode == 17)
        }
        #expect(log.listTopics().isEmpty)
        #expect(directory.files(under: "topics").isEmpty)
        #expect(directory.files(under: "trash").isEmpty)
    }

    @Test func validNamesPartitionCountsAndDuplicates() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        defer { log.close() }
        let longest = String(repeating: "x", count: 249)
        try log.createTopic("f1.leaderboard.results", partitions: 1)
        try log.createTopic("shop_events-v2", partitions: 6)
        try log.createTopic(longest, partitions: 1)
        #expect(throws: EventLogError.topicAlreadyExists("shop_events-v2")) {
            try log.createTopic("shop_events-v2", partitions: 1)
        }
        #expect(throws: EventLogError.invalidPartitions(0)) { try log.createTopic("none", partitions: 0) }
        #expect(log.listTopics().map(\.name) == ["f1.leaderboard.results", "shop_events-v2", longest])
        #expect(log.describeTopic("shop_events-v2")?.partitionCount == 6)
        #expect(try log.partitions(topic: "shop_events-v2").count == 6)
        #expect(throws: EventLogError.unknownTopicOrPartition(topic: "shop_events-v2", partition: 6)) {
            try log.partition(topic: "shop_events-v2", partition: 6)
        }
    }

    @Test func topicConfigsParseLikeKafka() throws {
        let configuration = try TopicConfiguration(kafkaConfigs: [
            "retention.ms": "60000", "segment.bytes": "1048576", "cleanup.policy": "delete",
        ])
        #expect(configuration.retentionMilliseconds == 60_000)
        #expect(configuration.segmentBytes == 1_048_576)
        #expect(configuration.kafkaConfigs["retention.ms"] == "60000")
        #expect(try TopicConfiguration(kafkaConfigs: ["cleanup.policy": "compact"]).cleanupPolicy == .compact)
        #expect(throws: EventLogError.self) { try TopicConfiguration(kafkaConfigs: ["cleanup.policy": "shred"]) }
        #expect(throws: EventLogError.self) { try TopicConfiguration(kafkaConfigs: ["retention.ms": "soon"]) }
        #expect(throws: EventLogError.self) { try TopicConfiguration(kafkaConfigs: ["no.such.config": "1"]) }
    }

    @Test func topicsAndConfigsSurviveReopenAndDeletionRemovesFilesAndOffsets() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let configuration = TopicConfiguration(retentionMilliseconds: 1_234, segmentBytes: 4_096)
        do {
            let log = try EventLog(directory: directory.path, configuration: Self.configuration)
            defer { log.close() }
            try log.createTopic("games", partitions: 2, configuration: configuration)
            try log.createTopic("moves", partitions: 1)
            try log.partition(topic: "games", partition: 1).append(TestBatches.batch(records: 4))
            try log.commitOffsets(
                group: "dashboard",
                offsets: [
                    TopicPartition(topic: "games", partition: 1): CommittedOffset(offset: 4),
                    TopicPartition(topic: "moves", partition: 0): CommittedOffset(offset: 0),
                ]
            )
        }
        do {
            let log = try EventLog(directory: directory.path, configuration: Self.configuration)
            defer { log.close() }
            #expect(
                log.describeTopic("games")
                    == TopicDescription(
                        name: "games",
                        partitionCount: 2,
                        configuration: configuration,
                        configOverrides: ["retention.ms": "1234", "segment.bytes": "4096"]
                    )
            )
            #expect(try log.partition(topic: "games", partition: 1).latestOffset == 4)
            let deleted = try log.partition(topic: "games", partition: 1)
            try log.deleteTopic("games")
            #expect(log.describeTopic("games") == nil)
            #expect(throws: EventLogError.unknownTopicOrPartition(topic: "games", partition: 1)) {
                try deleted.read(from: 0, maxBytes: 100)
            }
            #expect(directory.files(under: "topics") == ["moves"])
            #expect(log.committedOffsets(group: "dashboard").keys.map(\.topic) == ["moves"])
            #expect(throws: EventLogError.unknownTopicOrPartition(topic: "games", partition: -1)) {
                try log.deleteTopic("games")
            }
        }
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        defer { log.close() }
        #expect(log.listTopics().map(\.name) == ["moves"])
        #expect(log.committedOffsets(group: "dashboard").keys.map(\.topic) == ["moves"])
        try log.createTopic("games", partitions: 1)
        #expect(try log.partition(topic: "games", partition: 0).latestOffset == 0)
    }
}
