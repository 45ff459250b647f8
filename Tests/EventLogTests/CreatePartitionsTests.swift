import EventLog
import Foundation
import Testing

@Suite struct CreatePartitionsTests {
    static let quiet = EventLog.Configuration(
        flushPolicy: .never,
        retentionCheckIntervalMilliseconds: nil,
        maximumPartitionsPerTopic: 8,
        maximumPartitions: 10
    )

    @Test func partitionsGrowKeepTheirDataAndSurviveRestart() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let log = try EventLog(directory: directory.path, configuration: Self.quiet)
            defer { log.close() }
            try log.createTopic("events", partitions: 2, configs: ["retention.ms": "-1"])
            try log.partition(topic: "events", partition: 1).append(TestBatches.batch(records: 3))
            let checked = try log.createPartitions("events", count: 5, validateOnly: true)
            #expect(checked.partitionCount == 5)
            #expect(log.describeTopic("events")?.partitionCount == 2)
            #expect(directory.files(under: "topics/events") == ["0", "1", "topic.json"])

            let grown = try log.createPartitions("events", count: 5)
            #expect(grown.partitionCount == 5)
            #expect(grown.configOverrides == ["retention.ms": "-1"])
            let partitions = try log.partitions(topic: "events")
            #expect(partitions.map(\.topicPartition.partition) == [0, 1, 2, 3, 4])
            #expect(partitions[4].configuration.retentionMilliseconds == -1)
            #expect(try partitions[4].append(TestBatches.batch()).baseOffset == 0)
        }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        #expect(log.describeTopic("events")?.partitionCount == 5)
        #expect(try log.partition(topic: "events", partition: 1).latestOffset == 3)
        #expect(try log.partition(topic: "events", partition: 4).latestOffset == 1)
    }

    @Test func onlyGrowthWithinTheLimitsIsAllowedAndARefusalChangesNothing() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        try log.createTopic("events", partitions: 3)
        try log.createTopic("other", partitions: 5)
        let refusals: [(Int32, Int16, String)] = [
            (3, 37, "Topic already has 3 partitions."),
            (2, 37, "Topic currently has 3 partitions, which is higher than the requested 2."),
            (9, 37, "topic 'events' asks for 9 partitions"),
            (6, 44, "creating topic 'events' would bring the broker to 11 partitions"),
        ]
        for (count, code, message) in refusals {
            do throws(EventLogError) {
                try log.createPartitions("events", count: count)
                Issue.record("\(count) partitions were accepted")
            } catch {
                #expect(error.kafkaErrorCode == code)
                #expect(error.description.hasPrefix(message))
            }
        }
        #expect(throws: EventLogError.unknownTopicOrPartition(topic: "nope", partition: -1)) {
            try log.createPartitions("nope", count: 4)
        }
        #expect(log.describeTopic("events")?.partitionCount == 3)
        #expect(directory.files(under: "topics/events") == ["0", "1", "2", "topic.json"])
        #expect(try log.createPartitions("events", count: 5).partitionCount == 5)
    }

    @Test func aDirectoryLeftByACrashBeforeTheMetadataWasWrittenIsNotServedAndIsReused() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let log = try EventLog(directory: directory.path, configuration: Self.quiet)
            defer { log.close() }
            try log.createTopic("events", partitions: 1)
        }
        // As a crash between opening partition 1 and writing topic.json leaves it.
        try FileManager.default.createDirectory(
            atPath: directory.path + "/topics/events/1",
            withIntermediateDirectories: true
        )
        try Data([1, 2, 3]).write(
            to: URL(fileURLWithPath: directory.path + "/topics/events/1/00000000000000000000.log")
        )
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        #expect(log.describeTopic("events")?.partitionCount == 1)
        try log.createPartitions("events", count: 2)
        let partition = try log.partition(topic: "events", partition: 1)
        #expect(partition.latestOffset == 0 && partition.sizeInBytes == 0)
    }
}
