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

    @Test func corruptionInAnOlderSegmentAfterACrashCutsTheLogThere() throws {
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
        #expect(again.latestOffset == 8)
        #expect(again.segmentCount == 2)
        #expect(
            directory.files(under: "topics/games/0").filter { $0.hasSuffix(".log") } == [
                "00000000000000000000.log", "00000000000000000006.log",
            ]
        )
        let entries = messages.entries.withLock { $0 }
        #expect(entries.first { $0.message.contains("truncated") }?.metadata["offsetsLost"] == "8...11")
        #expect(entries.filter { $0.message.contains("does not continue") }.count == 2)
        #expect(try again.append(TestBatches.batch()).baseOffset == 8)
    }

    @Test func aTopicDirectoryWithoutMetadataIsSkipped() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let log = try EventLog(directory: directory.path, configuration: Self.configuration)
            try log.createTopic("games", partitions: 1)
            try log.createTopic("moves", partitions: 1)
            log.close()
        }
        try FileManagerHelpers.remove(directory.path + "/topics/moves/topic.json")
        let (logger, messages) = CapturingLogHandler.logger()
        let log = try EventLog(directory: directory.path, configuration: Self.configuration, logger: logger)
        defer { log.close() }
        #expect(log.listTopics().map(\.name) == ["games"])
        #expect(messages.entries.withLock { $0 }.contains { $0.level == .error && $0.message.contains("metadata") })
    }
}
