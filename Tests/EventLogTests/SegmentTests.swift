import EventLog
import Foundation
import KafkaProtocol
import NIOCore
import Testing

@Suite struct SegmentTests {
    @Test func segmentsRollBySizeAndReadsFindOffsetsInOldSegments() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var configuration = EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)
        configuration.indexIntervalBytes = 512
        let log = try EventLog(directory: directory.path, configuration: configuration)
        try log.createTopic(
            "moves",
            partitions: 1,
            configuration: TopicConfiguration(segmentBytes: 10_000)
        )
        let partition = try log.partition(topic: "moves", partition: 0)
        // 161-byte batches of 4 records: 62 fit in a 10,000 byte segment.
        for _ in 0..<500 { try partition.append(TestBatches.batch(records: 4, payloadSize: 100)) }
        #expect(partition.segmentCount == 9)
        #expect(directory.files(under: "topics/moves/0").contains("00000000000000000248.log"))
        #expect(directory.files(under: "topics/moves/0").contains("00000000000000000248.index"))
        #expect(directory.files(under: "topics/moves/0").contains("00000000000000000248.timeindex"))

        for offset in [0, 1, 247, 248, 249, 1_001, 1_337, 1_999] as [Int64] {
            let headers = TestBatches.headers(in: try partition.read(from: offset, maxBytes: 400).records)
            #expect(headers.first.map { $0.baseOffset <= offset && offset <= $0.lastOffset } == true)
            #expect(headers.first?.baseOffset == offset / 4 * 4)
            // A read stays within one segment: the last batch of a segment comes alone.
            #expect(headers.count == ([247, 1_999].contains(offset) ? 1 : 2))
        }
        log.close()

        // A clean reopen takes closed segments from their index files; missing ones are rebuilt.
        try FileManagerHelpers.remove(directory.path + "/topics/moves/0/00000000000000000496.index")
        let (logger, messages) = CapturingLogHandler.logger()
        let reopened = try EventLog(directory: directory.path, configuration: configuration, logger: logger)
        let rebuilt = messages.entries.withLock { $0 }.filter { $0.message.contains("rebuilt") }
        #expect(rebuilt.map { $0.metadata["file"]?.hasSuffix("00000000000000000496.log") } == [true])
        #expect(directory.files(under: "topics/moves/0").contains("00000000000000000496.index"))
        let again = try reopened.partition(topic: "moves", partition: 0)
        #expect(again.segmentCount == 9)
        #expect(again.latestOffset == 2_000)
        #expect(again.sizeInBytes == 500 * 161)
        for offset in [0, 300, 500, 1_337, 1_999] as [Int64] {
            let first = TestBatches.headers(in: try again.read(from: offset, maxBytes: 1).records).first
            #expect(first?.baseOffset == offset / 4 * 4)
        }
        #expect(try again.offset(forTimestamp: 1_700_000_000_000) == 0)
        #expect(try again.append(TestBatches.batch()).baseOffset == 2_000)
        reopened.close()
    }

    @Test func segmentsRollByAge() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(
            directory: directory.path,
            configuration: EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)
        )
        defer { log.close() }
        try log.createTopic("moves", partitions: 1, configuration: TopicConfiguration(segmentMilliseconds: 500))
        let partition = try log.partition(topic: "moves", partition: 0)
        try partition.append(TestBatches.batch())
        try partition.append(TestBatches.batch())
        #expect(partition.segmentCount == 1)
        try await Task.sleep(for: .milliseconds(600))
        try partition.append(TestBatches.batch())
        #expect(partition.segmentCount == 2)
        #expect(TestBatches.headers(in: try partition.read(from: 2, maxBytes: 1_000).records).map(\.baseOffset) == [2])
    }

    @Test func retentionBySizeDeletesOldSegmentsButNeverTheActiveOne() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(
            directory: directory.path,
            configuration: EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)
        )
        defer { log.close() }
        try log.createTopic(
            "events",
            partitions: 1,
            configuration: TopicConfiguration(retentionMilliseconds: -1, retentionBytes: 3_000, segmentBytes: 1_000)
        )
        let partition = try log.partition(topic: "events", partition: 0)
        // 161-byte batches: 6 per segment.
        for _ in 0..<60 { try partition.append(TestBatches.batch(records: 1, payloadSize: 100)) }
        #expect(partition.segmentCount == 10)
        let deleted = log.enforceRetention()
        // As in Kafka, a segment goes only if the rest still holds at least retention.bytes.
        #expect(deleted == 6)
        #expect(partition.segmentCount == 4)
        #expect(partition.sizeInBytes == 4 * 966)
        #expect(partition.earliestOffset == 36)
        #expect(!directory.files(under: "topics/events/0").contains("00000000000000000000.log"))
        #expect(throws: EventLogError.offsetOutOfRange(requested: 10, logStartOffset: 36, logEndOffset: 60)) {
            try partition.read(from: 10, maxBytes: 100)
        }
        #expect(TestBatches.headers(in: try partition.read(from: 36, maxBytes: 1).records).first?.baseOffset == 36)
    }

    @Test func retentionByTimeUsesTheNewestTimestampOfEachSegment() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(
            directory: directory.path,
            configuration: EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)
        )
        try log.createTopic(
            "events",
            partitions: 1,
            configuration: TopicConfiguration(retentionMilliseconds: 1_000, segmentBytes: 500)
        )
        let partition = try log.partition(topic: "events", partition: 0)
        // Three batches of 161 bytes per segment, timestamps 10 s apart.
        for index in 0..<9 {
            try partition.append(TestBatches.batch(timestamp: 100_000 + Int64(index) * 10_000))
        }
        #expect(partition.segmentCount == 3)
        #expect(log.enforceRetention(now: 120_000) == 0, "the first segment's newest batch is 20,000")
        #expect(log.enforceRetention(now: 121_001) == 1)
        #expect(partition.earliestOffset == 3)
        #expect(log.enforceRetention(now: 151_001) == 1, "the second segment's newest batch is 150,000")
        #expect(partition.earliestOffset == 6)
        // An expired active segment is rolled and deleted: the partition is empty, its offsets kept.
        #expect(log.enforceRetention(now: 10_000_000) == 1)
        #expect(partition.earliestOffset == 9)
        #expect(partition.latestOffset == 9)
        #expect(partition.segmentCount == 1)
        #expect(try partition.read(from: 9, maxBytes: 100).records.readableBytes == 0)
        log.close()

        let reopened = try EventLog(
            directory: directory.path,
            configuration: EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)
        )
        defer { reopened.close() }
        let again = try reopened.partition(topic: "events", partition: 0)
        #expect(again.earliestOffset == 9)
        #expect(again.latestOffset == 9)
        #expect(try again.append(TestBatches.batch()).baseOffset == 9)
    }

    @Test func segmentsWithoutTimestampsAgeByTheirFileTime() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(
            directory: directory.path,
            configuration: EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)
        )
        defer { log.close() }
        try log.createTopic(
            "legacy",
            partitions: 1,
            configuration: TopicConfiguration(retentionMilliseconds: 3_600_000, segmentBytes: 500)
        )
        let partition = try log.partition(topic: "legacy", partition: 0)
        for _ in 0..<9 { try partition.append(TestBatches.batch(timestamp: -1)) }
        #expect(partition.segmentCount == 3)
        #expect(log.enforceRetention() == 0)
        #expect(log.enforceRetention(now: Int64(Date().timeIntervalSince1970 * 1_000) + 7_200_000) == 3)
        #expect(partition.earliestOffset == 9)
    }
}
