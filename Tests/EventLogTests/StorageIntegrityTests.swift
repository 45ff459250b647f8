import EventLog
import Foundation
import KafkaProtocol
import Testing

@Suite struct StorageIntegrityTests {
    static let configuration = EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)
    static let batchSize = 161

    /// A cleanly closed log whose topic `games` has segments at 0, 6, 12 and 18 of one-record batches.
    private func makeLog() throws -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        try log.createTopic("games", partitions: 1, configuration: TopicConfiguration(segmentBytes: 1_000))
        let partition = try log.partition(topic: "games", partition: 0)
        for _ in 0..<20 { try partition.append(TestBatches.batch()) }
        log.close()
        return directory
    }

    private func overwrite(_ path: String, at position: Int, with bytes: [UInt8]) throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64(position))
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    /// Every base offset a consumer sees reading from `offset` to the end, as Kafka clients do.
    private func consume(_ partition: Partition, from offset: Int64) throws -> [Int64] {
        var offsets: [Int64] = []
        var next = offset
        while next < partition.latestOffset {
            let headers = TestBatches.headers(in: try partition.read(from: next, maxBytes: 400).records)
            guard let last = headers.last else { break }
            offsets += headers.map(\.baseOffset)
            next = last.lastOffset + 1
        }
        return offsets
    }

    @Test func flippedBytesInAClosedSegmentAreFoundOnFirstReadLoggedOnceAndSkipped() throws {
        let directory = try makeLog()
        defer { directory.remove() }
        let segment = directory.path + "/topics/games/0/00000000000000000006.log"
        try overwrite(segment, at: 2 * Self.batchSize + 90, with: [0x00, 0xFF, 0x00])

        let (logger, messages) = CapturingLogHandler.logger()
        let log = try EventLog(directory: directory.path, configuration: Self.configuration, logger: logger)
        defer { log.close() }
        let partition = try log.partition(topic: "games", partition: 0)
        // A clean start trusts the closed segment's indexes: nothing is read or said yet.
        #expect(!messages.entries.withLock { $0 }.contains { $0.message.contains("damaged") })
        #expect(partition.latestOffset == 20)

        #expect(try consume(partition, from: 0) == Array(0..<8) + Array(9..<20))
        #expect(try consume(partition, from: 0) == Array(0..<8) + Array(9..<20))
        let damage = messages.entries.withLock { $0 }.filter { $0.message.contains("damaged batches") }
        #expect(damage.count == 1)
        #expect(damage.first?.message.contains("offsets 8...8 of games-0") == true)
        #expect(damage.first?.metadata["file"] == segment)
        #expect(damage.first?.metadata["positions"] == "322..<483")
    }

    @Test func aBadBatchLengthInAClosedSegmentSkipsToTheNextIntactBatch() throws {
        let directory = try makeLog()
        defer { directory.remove() }
        let segment = directory.path + "/topics/games/0/00000000000000000006.log"
        // The length field of the second batch (offset 7) claims 1 GiB.
        try overwrite(segment, at: Self.batchSize + 8, with: [0x40, 0x00, 0x00, 0x00])

        let (logger, messages) = CapturingLogHandler.logger()
        let log = try EventLog(directory: directory.path, configuration: Self.configuration, logger: logger)
        defer { log.close() }
        let partition = try log.partition(topic: "games", partition: 0)
        #expect(try consume(partition, from: 7) == Array(8..<20))
        #expect(try consume(partition, from: 0) == [0, 1, 2, 3, 4, 5, 6] + Array(8..<20))
        let damage = messages.entries.withLock { $0 }.first { $0.message.contains("damaged batches") }
        #expect(damage?.metadata["offsetsLost"] == "7...7")
        #expect(damage?.metadata["reason"]?.contains("torn batch") == true)
    }

    @Test func damageAtTheEndOfAClosedSegmentSkipsToTheNextSegment() throws {
        let directory = try makeLog()
        defer { directory.remove() }
        let segment = directory.path + "/topics/games/0/00000000000000000006.log"
        // The magic byte of the segment's last batch (offset 11): nothing intact follows it.
        try overwrite(segment, at: 5 * Self.batchSize + 16, with: [0x07])

        let (logger, messages) = CapturingLogHandler.logger()
        let log = try EventLog(directory: directory.path, configuration: Self.configuration, logger: logger)
        defer { log.close() }
        let partition = try log.partition(topic: "games", partition: 0)
        #expect(try consume(partition, from: 10) == [10] + Array(12..<20))
        #expect(try consume(partition, from: 11) == Array(12..<20))
        let damage = messages.entries.withLock { $0 }.first { $0.message.contains("damaged batches") }
        #expect(damage?.metadata["offsetsLost"] == "11...11")
        #expect(damage?.metadata["reason"] == "magic 7")
        #expect(partition.latestOffset == 20)
    }

    @Test func topicMetadataIsWrittenWithAChecksumAndDamageIsReportedByName() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let log = try EventLog(directory: directory.path, configuration: Self.configuration)
            try log.createTopic("games", partitions: 1)
            try log.createTopic("moves", partitions: 3, configuration: TopicConfiguration(retentionMilliseconds: 1_000))
            try log.partition(topic: "moves", partition: 2).append(TestBatches.batch(records: 4))
            log.close()
        }
        let path = directory.path + "/topics/moves/topic.json"
        let stored = try String(contentsOfFile: path, encoding: .utf8)
        #expect(stored.contains("\"checksum\""))
        #expect(directory.files(under: "topics/moves").filter { $0.hasSuffix(".tmp") }.isEmpty)
        // Valid JSON, but no longer what was written: the checksum catches it.
        try stored.replacingOccurrences(of: "\"partitionCount\" : 3", with: "\"partitionCount\" : 2")
            .write(toFile: path, atomically: false, encoding: .utf8)

        let (logger, messages) = CapturingLogHandler.logger()
        let log = try EventLog(directory: directory.path, configuration: Self.configuration, logger: logger)
        let moves = try #require(log.describeTopic("moves"))
        #expect(moves.partitionCount == 3)
        #expect(moves.configuration.retentionMilliseconds == -1)
        #expect(try log.partition(topic: "moves", partition: 2).latestOffset == 4)
        #expect(log.describeTopic("games") != nil)
        let report = try #require(messages.entries.withLock { $0 }.first { $0.level == .error })
        #expect(report.message.contains(path))
        #expect(report.message.contains("checksum"))
        let repair = try #require(report.message.range(of: "echo '")).lowerBound
        log.close()

        // The repair command from the log line makes the next start clean.
        let command = String(report.message[repair...])
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", command]
        try shell.run()
        shell.waitUntilExit()
        let (cleanLogger, cleanMessages) = CapturingLogHandler.logger()
        let repaired = try EventLog(directory: directory.path, configuration: Self.configuration, logger: cleanLogger)
        defer { repaired.close() }
        #expect(repaired.describeTopic("moves")?.partitionCount == 3)
        #expect(!cleanMessages.entries.withLock { $0 }.contains { $0.level >= .error })
    }
}
