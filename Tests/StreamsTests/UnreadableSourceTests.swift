import EventLog
import Foundation
import KafkaProtocol
import Locking
import NIOCore
import Streams
import Testing

/// A source batch that the log holds but no reader can parse (damage that kept the framing and the
/// CRC, or a file an older version wrote) is passed over once and counted; the pipeline neither
/// spins on it nor stops.
@Suite struct UnreadableSourceTests {
    /// Rewrites the record bytes of the batch at `offset` in the first segment of `topic`-0 with
    /// a bad varint and recomputes its CRC, so only a reader of the records can tell.
    static func damageRecords(ofBatchAt offset: Int64, topic: String, dataDirectory: String) throws {
        let path = dataDirectory + "/topics/\(topic)/0/00000000000000000000.log"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var position = 0
        while position < bytes.count {
            let header = try #require(
                RecordBatchHeader(from: ByteBuffer(bytes: bytes[position...]), at: 0)
            )
            if header.baseOffset == offset {
                let recordsStart = position + RecordBatchHeader.size
                for index in recordsStart..<(position + header.totalSize) { bytes[index] = 0xFF }
                let checksum = bytes.withUnsafeBytes { all in
                    CRC32C.checksum(
                        UnsafeRawBufferPointer(
                            rebasing: all[
                                (position + RecordBatchHeader.attributesOffset)..<(position + header.totalSize)
                            ]
                        )
                    )
                }
                withUnsafeBytes(of: checksum.bigEndian) { crc in
                    bytes.replaceSubrange(
                        (position + RecordBatchHeader.crcOffset)..<(position + RecordBatchHeader.crcOffset + 4),
                        with: crc
                    )
                }
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                return
            }
            position += header.totalSize
        }
        Issue.record("no batch at offset \(offset)")
    }

    @Test func aDamagedBatchIsSkippedOnceCountedAndTheRestIsProcessed() async throws {
        let directory = ScratchDirectory()
        do {
            let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
            try log.createTopic("clicks", partitions: 1)
            try LogFixtures.append(
                [clickJSON("ann", 1_000), clickJSON("bob", 2_000), clickJSON("cy", 3_000)],
                to: try log.partition(topic: "clicks", partition: 0)
            )
            log.close()
        }
        try Self.damageRecords(ofBatchAt: 1, topic: "clicks", dataDirectory: directory.path)

        let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
        defer { log.close() }
        #expect(try log.partition(topic: "clicks", partition: 0).latestOffset == 3)
        let pipeline = Pipeline(
            name: "damaged",
            configuration: PipelineConfiguration(checkpointIntervalMilliseconds: 10)
        )
        let users = CollectedUsers()
        let clicks = pipeline.source("clicks", as: Click.self, eventTime: \.ts)
        clicks.forEach({ click, _ in users.names.withLock { $0.append(click.user) } })
        let runner = PipelineRunner(pipeline: pipeline, log: log)
        let task = Task { try await runner.run() }
        #expect(await eventually { users.names.withLock { $0 } == ["ann", "cy"] })
        // Idle from here on: a pipeline stuck on the batch would read it again and again.
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        try await task.value
        #expect(pipeline.counters.unreadableBatches == 1)
        #expect(pipeline.counters.eventsIn == 2)
    }
}

private final class CollectedUsers: Sendable {
    let names = Locked<[String]>([])
}
