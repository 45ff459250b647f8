import EventLog
import Foundation
import Glibc
import Testing

/// Runs against a real full file system: a 1 MiB tmpfs, which needs the right to mount.
@Suite(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
struct DiskFullTests {
    /// Mounts a 1 MiB tmpfs on a fresh directory; nil where mounting is not allowed.
    static func smallFileSystem() -> String? {
        let directory = TemporaryDirectory().path
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", directory]) else { return nil }
        return directory
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test func aFullDiskRefusesAppendsWithDiskFullAndRecoversWhenSpaceReturns() throws {
        let mount = try #require(Self.smallFileSystem())
        defer {
            Self.run("/bin/umount", [mount])
            try? FileManager.default.removeItem(atPath: mount)
        }
        let (logger, messages) = CapturingLogHandler.logger()
        let log = try EventLog(
            directory: mount + "/data",
            configuration: EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil),
            logger: logger
        )
        defer { log.close() }
        try log.createTopic("games", partitions: 1)
        let partition = try log.partition(topic: "games", partition: 0)
        // Room that can be given back later.
        let ballast = mount + "/ballast"
        try Data(count: 256 * 1024).write(to: URL(fileURLWithPath: ballast))

        var failure: EventLogError?
        for _ in 0..<1_000 {
            do {
                try partition.append(TestBatches.batch(payloadSize: 8_000))
            } catch {
                failure = error
                break
            }
        }
        let segment = mount + "/data/topics/games/0/00000000000000000000.log"
        #expect(failure == .diskFull(path: segment))
        #expect(failure?.kafkaErrorCode == 56)
        let end = partition.latestOffset
        // Nothing half-written: the file holds exactly the acknowledged batches.
        let size = try FileManager.default.attributesOfItem(atPath: segment)[.size] as? Int
        #expect(size == Int(end) * (61 + 8_000))
        for _ in 0..<5 {
            #expect(throws: EventLogError.diskFull(path: segment)) {
                try partition.append(TestBatches.batch(payloadSize: 8_000))
            }
        }
        let reports = messages.entries.withLock { $0 }.filter { $0.message.contains("disk full at") }
        #expect(reports.count == 1)
        #expect(reports.first?.message == "disk full at \(segment): appends refused until space returns")

        try FileManager.default.removeItem(atPath: ballast)
        #expect(try partition.append(TestBatches.batch(payloadSize: 8_000)).baseOffset == end)
        #expect(messages.entries.withLock { $0 }.contains { $0.message.contains("space returned") })
        #expect(TestBatches.headers(in: try partition.read(from: 0, maxBytes: 1 << 20).records).count == Int(end) + 1)
    }
}
