import EventLog
import Foundation
import KafkaProtocol
import NIOCore
import Testing

@Suite struct RecoveryTests {
    static let configuration = EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)

    /// A closed log with one topic of one partition holding five 3-record batches of 161 bytes.
    private func makeLog() throws -> (TemporaryDirectory, String) {
        let directory = TemporaryDirectory()
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        try log.createTopic("games", partitions: 1)
        let partition = try log.partition(topic: "games", partition: 0)
        for _ in 0..<5 { try partition.append(TestBatches.batch(records: 3, payloadSize: 100)) }
        log.close()
        return (directory, directory.path + "/topics/games/0/00000000000000000000.log")
    }

    @Test func aTornTailIsCutAndSaidSo() throws {
        let (directory, segment) = try makeLog()
        defer { directory.remove() }
        // Half of the last batch is missing, as after a crash in the middle of a write.
        #expect(truncate(segment, off_t(4 * 161 + 80)) == 0)

        let (logger, messages) = CapturingLogHandler.logger()
        let log = try EventLog(directory: directory.path, configuration: Self.configuration, logger: logger)
        defer { log.close() }
        let partition = try log.partition(topic: "games", partition: 0)
        #expect(partition.latestOffset == 12)
        #expect(TestBatches.headers(in: try partition.read(from: 0, maxBytes: 10_000).records).count == 4)
        #expect(try partition.append(TestBatches.batch(records: 1)).baseOffset == 12)

        let cut = messages.entries.withLock { $0 }.first { $0.message.contains("truncated") }
        #expect(cut?.level == .warning)
        #expect(cut?.metadata["topic"] == "games")
        #expect(cut?.metadata["partition"] == "0")
        #expect(cut?.metadata["file"] == segment)
        #expect(cut?.metadata["position"] == "644")
        #expect(cut?.metadata["bytesRemoved"] == "80")
        #expect(cut?.metadata["offsetsLost"] == "12...14")
    }

    @Test func aFlippedBitInTheLastBatchCutsOnlyThatBatch() throws {
        let (directory, segment) = try makeLog()
        defer { directory.remove() }
        let handle = try #require(FileHandle(forUpdatingAtPath: segment))
        try handle.seek(toOffset: UInt64(4 * 161 + 100))
        let byte = try #require(try handle.read(upToCount: 1)).first!
        try handle.seek(toOffset: UInt64(4 * 161 + 100))
        try handle.write(contentsOf: [byte ^ 0x04])
        try handle.close()

        let (logger, messages) = CapturingLogHandler.logger()
        let log = try EventLog(directory: directory.path, configuration: Self.configuration, logger: logger)
        defer { log.close() }
        let partition = try log.partition(topic: "games", partition: 0)
        #expect(partition.latestOffset == 12)
        let headers = TestBatches.headers(in: try partition.read(from: 0, maxBytes: 10_000).records)
        #expect(headers.map(\.baseOffset) == [0, 3, 6, 9])

        let cut = messages.entries.withLock { $0 }.first { $0.message.contains("truncated") }
        #expect(cut?.metadata["bytesRemoved"] == "161")
        #expect(cut?.metadata["offsetsLost"] == "12...14")
        #expect(cut?.metadata["reason"]?.contains("CRC") == true)
    }

    @Test func aCrashWithoutCloseKeepsEveryAppendedBatch() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var configuration = Self.configuration
        configuration.indexIntervalBytes = 100
        let log = try EventLog(directory: directory.path, configuration: configuration)
        try log.createTopic("games", partitions: 3, configuration: TopicConfiguration(segmentBytes: 1_000))
        for number in 0..<3 {
            let partition = try log.partition(topic: "games", partition: Int32(number))
            for _ in 0..<(20 + number) { try partition.append(TestBatches.batch(records: 2)) }
        }
        // What a kill -9 leaves: the files as written, no index of the active segment, no marker.
        let crashed = directory.snapshot()
        defer { crashed.remove() }
        log.close()

        let recovered = try EventLog(directory: crashed.path, configuration: configuration)
        defer { recovered.close() }
        for number in 0..<3 {
            let partition = try recovered.partition(topic: "games", partition: Int32(number))
            #expect(partition.latestOffset == Int64(2 * (20 + number)))
            let headers = TestBatches.headers(in: try partition.read(from: 33, maxBytes: 200).records)
            #expect(headers.first?.baseOffset == 32)
        }
    }

    @Test func aSecondProcessCannotOpenTheSameDirectory() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        defer { log.close() }
        #expect(throws: EventLogError.self) {
            try EventLog(directory: directory.path, configuration: Self.configuration)
        }
    }

    @Test func corruptionInAnOlderSegmentAfterACrashSkipsOnlyTheDamagedBatch() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        try log.createTopic("games", partitions: 1, configuration: TopicConfiguration(segmentBytes: 1_000))
        let partition = try log.partition(topic: "games", partition: 0)
        // Six 161-byte batches of one record per segment: segments at 0, 6, 12 and 18.
        for _ in 0..<20 { try partition.append(TestBatches.batch()) }
        #expect(partition.segmentCount == 4)
        log.close()
        // A crash: no marker, and a flipped bit in the third batch of the second segment.
        try FileManagerHelpers.remove(directory.path + "/.clean-shutdown")
        let segment = directory.path + "/topics/games/0/00000000000000000006.log"
        let handle = try #require(FileHandle(forUpdatingAtPath: segment))
        try handle.seek(toOffset: UInt64(2 * 161 + 90))
        try handle.write(contentsOf: [0xFF])
        try handle.close()

        let (logger, messages) = CapturingLogHandler.logger()
        let reopened = try EventLog(directory: directory.path, configuration: Self.configuration, logger: logger)
        defer { reopened.close() }
        let again = try reopened.partition(topic: "games", partition: 0)
        // The later segments are intact and acknowledged: they stay, and only offset 8 is lost.
        #expect(again.latestOffset == 20)
        #expect(again.segmentCount == 4)
        #expect(TestBatches.headers(in: try again.read(from: 8, maxBytes: 10_000).records).first?.baseOffset == 9)
        #expect(TestBatches.headers(in: try again.read(from: 6, maxBytes: 10_000).records).map(\.baseOffset) == [6, 7])
        let entries = messages.entries.withLock { $0 }
        let damage = entries.filter { $0.message.contains("damaged batches") }
        #expect(damage.count == 1)
        #expect(damage.first?.level == .error)
        #expect(damage.first?.metadata["offsetsLost"] == "8...8")
        #expect(damage.first?.metadata["file"] == segment)
        #expect(damage.first?.metadata["reason"]?.contains("CRC") == true)
        #expect(!entries.contains { $0.message.contains("truncated") || $0.message.contains("does not continue") })
        #expect(try again.append(TestBatches.batch()).baseOffset == 20)
    }

    @Test func aTopicDirectoryWithoutMetadataIsServedFromItsPartitions() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let log = try EventLog(directory: directory.path, configuration: Self.configuration)
            try log.createTopic("games", partitions: 1)
            try log.createTopic("moves", partitions: 2)
            try log.partition(topic: "moves", partition: 1).append(TestBatches.batch(records: 2))
            log.close()
        }
        try FileManagerHelpers.remove(directory.path + "/topics/moves/topic.json")
        let (logger, messages) = CapturingLogHandler.logger()
        let log = try EventLog(directory: directory.path, configuration: Self.configuration, logger: logger)
        defer { log.close() }
        #expect(log.listTopics().map(\.name) == ["games", "moves"])
        let moves = try #require(log.describeTopic("moves"))
        #expect(moves.partitionCount == 2)
        #expect(moves.configuration.retentionMilliseconds == -1)
        #expect(try log.partition(topic: "moves", partition: 1).latestOffset == 2)
        let report = messages.entries.withLock { $0 }.first { $0.level == .error && $0.message.contains("moves") }
        #expect(report?.message.contains(directory.path + "/topics/moves/topic.json") == true)
        #expect(report?.message.contains("missing") == true)
    }
}
