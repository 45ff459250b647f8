import EventLog
import Foundation
import Testing

@Suite struct TopicLimitTests {
    static let configuration = EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)

    @Test func aTopicWithTooManyPartitionsIsRefusedBeforeAnyWork() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        defer { log.close() }
        let started = ContinuousClock.now
        let error = #expect(throws: EventLogError.self) { try log.createTopic("huge", partitions: 100_000) }
        #expect(ContinuousClock.now - started < .milliseconds(100))
        #expect(error == .limitExceeded(.partitionsPerTopic, topic: "huge", requested: 100_000, limit: 1_000))
        #expect(error?.kafkaErrorCode == 37)
        #expect(error?.description.contains("--max-partitions-per-topic") == true)
        #expect(directory.files(under: "topics").isEmpty)
        #expect(directory.files(under: "trash").isEmpty)
        #expect(throws: EventLogError.self) { try log.validateNewTopic("huge", partitions: 1_001) }
        try log.validateNewTopic("huge", partitions: 1_000)
    }

    @Test func brokerTotalsOfPartitionsAndTopicsAreLimits() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var configuration = Self.configuration
        configuration.maximumPartitions = 10
        configuration.maximumTopics = 3
        let log = try EventLog(directory: directory.path, configuration: configuration)
        defer { log.close() }
        try log.createTopic("a", partitions: 6)
        let partitions = #expect(throws: EventLogError.self) { try log.createTopic("b", partitions: 5) }
        #expect(partitions == .limitExceeded(.partitions, topic: "b", requested: 11, limit: 10))
        #expect(partitions?.kafkaErrorCode == 44)
        #expect(partitions?.description.contains("--max-partitions ") == true)
        try log.createTopic("b", partitions: 2)
        try log.createTopic("c", partitions: 2)
        let topics = #expect(throws: EventLogError.self) { try log.createTopic("d", partitions: 1) }
        #expect(topics == .limitExceeded(.topics, topic: "d", requested: 4, limit: 3))
        #expect(topics?.kafkaErrorCode == 44)
        #expect(directory.files(under: "topics") == ["a", "b", "c"])
    }

    @Test func aCreationCutShortByACrashLeavesNothingAfterTheNextStart() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let log = try EventLog(directory: directory.path, configuration: Self.configuration)
            try log.createTopic("games", partitions: 1)
            log.close()
        }
        // What a crash in the middle of creating topic `wide` leaves: its staging directory with
        // the metadata and some of its partitions, never a directory under topics/.
        let staging = directory.path + "/trash/create-crashed"
        try FileManager.default.createDirectory(atPath: staging + "/0", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: staging + "/1", withIntermediateDirectories: true)
        try Data(#"{"partitionCount":1500,"configuration":{}}"#.utf8).write(
            to: URL(fileURLWithPath: staging + "/topic.json")
        )

        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        defer { log.close() }
        #expect(log.listTopics().map(\.name) == ["games"])
        #expect(directory.files(under: "trash").isEmpty)
        try log.createTopic("wide", partitions: 1_000)
        #expect(log.describeTopic("wide")?.partitionCount == 1_000)
        #expect(directory.files(under: "topics/wide").count == 1_001)
    }

    @Test func manyPartitionsShareABoundedPoolOfOpenFiles() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var configuration = Self.configuration
        configuration.maximumOpenSegmentFiles = 16
        do {
            let log = try EventLog(directory: directory.path, configuration: configuration)
            try log.createTopic("wide", partitions: 300)
            #expect(log.openSegmentFileCount <= 16)
            for number in stride(from: 0, to: 300, by: 3) {
                try log.partition(topic: "wide", partition: Int32(number)).append(TestBatches.batch(records: 2))
            }
            #expect(log.openSegmentFileCount <= 16)
            log.close()
        }
        let log = try EventLog(directory: directory.path, configuration: configuration)
        defer { log.close() }
        #expect(log.openSegmentFileCount <= 16)
        for number in stride(from: 0, to: 300, by: 3) {
            let partition = try log.partition(topic: "wide", partition: Int32(number))
            #expect(partition.latestOffset == 2)
            #expect(TestBatches.headers(in: try partition.read(from: 0, maxBytes: 1_000).records).count == 1)
        }
        #expect(log.openSegmentFileCount <= 16)
    }
}
