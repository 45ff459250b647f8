import EventLog
import Foundation
import KafkaProtocol
import Locking
import NIOCore
import Synchronization
import Testing

@Suite struct CompactionTests {
    static let quiet = EventLog.Configuration(
        flushPolicy: .never,
        retentionCheckIntervalMilliseconds: nil,
        cleanerIntervalMilliseconds: nil
    )
    static var now: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    typealias Entry = (offset: Int64, key: String?, value: String?)

    /// Offsets 0...6 in six closed segments and an active one: a=1 b=1 | a=2 c=1 | b=2 | a=3 | d=1.
    private func keyedTopic(_ log: EventLog, configs: [String: String] = [:]) throws -> Partition {
        var all = ["cleanup.policy": "compact", "segment.bytes": "100"]
        all.merge(configs) { _, new in new }
        try log.createTopic("state", partitions: 1, configs: all)
        let partition = try log.partition(topic: "state", partition: 0)
        for entries in [[("a", "1"), ("b", "1")], [("a", "2"), ("c", "1")], [("b", "2")], [("a", "3")], [("d", "1")]] {
            try partition.append(KeyedBatches.batch(entries.map { (key: $0.0, value: $0.1) }))
        }
        #expect(partition.segmentCount == 5)
        return partition
    }

    private func describe(_ entries: [Entry]) -> [String] {
        entries.map { "\($0.offset):\($0.key ?? "-")=\($0.value ?? "null")" }
    }

    static let original = ["0:a=1", "1:b=1", "2:a=2", "3:c=1", "4:b=2", "5:a=3", "6:d=1"]
    static let compacted = ["3:c=1", "4:b=2", "5:a=3", "6:d=1"]

    @Test func theLatestRecordPerKeySurvivesWithItsOffsetAndTheActiveSegmentIsUntouched() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var crashed: TemporaryDirectory
        do {
            let log = try EventLog(directory: directory.path, configuration: Self.quiet)
            defer { log.close() }
            let partition = try keyedTopic(log)
            #expect(describe(try KeyedBatches.records(of: partition, from: 0)) == Self.original)
            let result = try #require(try partition.compact())
            #expect(result.segmentsCleaned == 2)
            #expect(result.recordsRemoved == 3)
            #expect(result.firstDirtyOffset == 6)
            #expect(result.bytesAfter < result.bytesBefore)
            #expect(describe(try KeyedBatches.records(of: partition, from: 0)) == Self.compacted)
            // Emptied batches keep their offsets: reading from 1 gives the empty batch 0...1, then on.
            #expect(TestBatches.headers(in: try partition.read(from: 1, maxBytes: 1).records).map(\.recordCount) == [0])
            #expect(partition.earliestOffset == 0 && partition.latestOffset == 7)
            #expect(try partition.append(KeyedBatches.batch([("a", "4")])).baseOffset == 7)
            // Nothing new is dirty outside the active segment: no pass is due.
            #expect(try partition.compact() == nil)
            crashed = directory.snapshot()
        }
        defer { crashed.remove() }
        for copy in [directory, crashed] {
            let log = try EventLog(directory: copy.path, configuration: Self.quiet)
            defer { log.close() }
            let partition = try log.partition(topic: "state", partition: 0)
            #expect(describe(try KeyedBatches.records(of: partition, from: 0)) == Self.compacted + ["7:a=4"])
            #expect(try partition.compact() == nil)
        }
    }

    @Test func aPassHoldsAtMostTheKeyLimitAndTheNextGoesOnFromWhereItStopped() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var configuration = Self.quiet
        configuration.cleanerMaximumKeys = 2
        let log = try EventLog(directory: directory.path, configuration: configuration)
        defer { log.close() }
        let partition = try keyedTopic(log)
        // Each pass maps two keys' worth of segments: a=1 b=1, then a=2 c=1, then b=2 a=3.
        #expect(try partition.compact(force: true)?.firstDirtyOffset == 2)
        #expect(describe(try KeyedBatches.records(of: partition, from: 0)) == Self.original)
        #expect(try partition.compact(force: true)?.firstDirtyOffset == 4)
        #expect(
            describe(try KeyedBatches.records(of: partition, from: 0)) == [
                "1:b=1", "2:a=2", "3:c=1", "4:b=2", "5:a=3", "6:d=1",
            ]
        )
        #expect(try partition.compact(force: true)?.firstDirtyOffset == 6)
        #expect(describe(try KeyedBatches.records(of: partition, from: 0)) == Self.compacted)
    }

    @Test func tombstonesStayForDeleteRetentionAfterTheFirstPassThenGo() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        try log.createTopic(
            "state",
            partitions: 1,
            configs: ["cleanup.policy": "compact", "segment.bytes": "100", "delete.retention.ms": "1000"]
        )
        let partition = try log.partition(topic: "state", partition: 0)
        for entries: [(key: String?, value: String?)] in [[("a", "1")], [("a", nil)], [("b", "1")], [("c", "1")]] {
            try partition.append(KeyedBatches.batch(entries))
        }
        let start = Self.now
        try #require(try partition.compact(now: start))
        #expect(describe(try KeyedBatches.records(of: partition, from: 0)) == ["1:a=null", "2:b=1", "3:c=1"])
        let stamped = TestBatches.headers(in: try partition.read(from: 1, maxBytes: 1).records)[0]
        #expect(stamped.attributes.rawValue & 0x40 != 0)
        #expect(stamped.baseTimestamp == start + 1_000)
        // Record timestamps are unchanged under the new base.
        var iterator = RecordBatchIterator(try partition.read(from: 1, maxBytes: 1).records)
        let batch = try #require(try iterator.next())
        #expect(batch.records.map(batch.timestamp(of:)) == [1_700_000_000_000])

        #expect(try partition.compact(now: start + 999) == nil)
        #expect(describe(try KeyedBatches.records(of: partition, from: 0)) == ["1:a=null", "2:b=1", "3:c=1"])
        let result = try #require(try partition.compact(now: start + 1_000))
        #expect(result.recordsRemoved == 1)
        #expect(describe(try KeyedBatches.records(of: partition, from: 0)) == ["2:b=1", "3:c=1"])
        #expect(try partition.compact(now: start + 5_000) == nil)
    }

    @Test func theDirtyRatioAndTheCompactionLagDecideWhenAPassIsDue() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        let partition = try keyedTopic(log, configs: ["min.cleanable.dirty.ratio": "0.9"])
        // Everything is dirty before the first pass: a ratio of 1.
        try #require(try partition.compact())
        try partition.append(KeyedBatches.batch([("c", "2")]))
        try partition.append(KeyedBatches.batch([("e", "1")]))
        // Two dirty segments (d=1, c=2) of six closed: under 0.9, no pass.
        #expect(try partition.compact() == nil)
        try log.incrementalAlterTopicConfigs(
            "state",
            [ConfigAlteration(name: "min.cleanable.dirty.ratio", operation: .set, value: "0.1")]
        )
        #expect(try partition.compact()?.recordsRemoved == 1)
        #expect(
            describe(try KeyedBatches.records(of: partition, from: 0)) == ["4:b=2", "5:a=3", "6:d=1", "7:c=2", "8:e=1"]
        )

        // Records younger than min.compaction.lag.ms are never cleaned, even when asked.
        try log.createTopic(
            "young",
            partitions: 1,
            configs: ["cleanup.policy": "compact", "segment.bytes": "100", "min.compaction.lag.ms": "3600000"]
        )
        let young = try log.partition(topic: "young", partition: 0)
        for value in ["1", "2", "3"] {
            try young.append(KeyedBatches.batch([("k", value)], timestamp: Self.now))
        }
        #expect(try young.compact(force: true) == nil)
        #expect(try KeyedBatches.records(of: young, from: 0).count == 3)
        #expect(try young.compact(now: Self.now + 7_200_000)?.recordsRemoved == 1)
    }

    @Test func transactionalBatchesAreLeftAsTheyAre() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        try log.createTopic("state", partitions: 1, configs: ["cleanup.policy": "compact", "segment.bytes": "100"])
        let partition = try log.partition(topic: "state", partition: 0)
        var transactional = ByteBuffer()
        try RecordBatch(
            attributes: RecordBatchAttributes(compression: .none, isTransactional: true),
            baseTimestamp: 1_700_000_000_000,
            producerId: 7,
            producerEpoch: 0,
            baseSequence: 0,
            records: [Record(offsetDelta: 0, key: ByteBuffer(string: "a"), value: ByteBuffer(string: "txn"))]
        ).encode(into: &transactional)
        try partition.append(transactional)
        try partition.append(KeyedBatches.batch([("a", "2")]))
        try partition.append(KeyedBatches.batch([("b", "1")]))
        // The superseded transactional record is not dropped: the pass finds nothing to remove.
        #expect(try partition.compact(force: true)?.recordsRemoved == 0)
        #expect(describe(try KeyedBatches.records(of: partition, from: 0)) == ["0:a=txn", "1:a=2", "2:b=1"])
    }

    @Test func aCrashAtAnyStepOfASwapLeavesTheOldSegmentOrTheCleanedOne() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var snapshots: [(Partition.CompactionStep, TemporaryDirectory)] = []
        defer { for (_, snapshot) in snapshots { snapshot.remove() } }
        do {
            let log = try EventLog(directory: directory.path, configuration: Self.quiet)
            defer { log.close() }
            let partition = try keyedTopic(log)
            _ = try partition.compact(now: Self.now, force: false) { step in
                snapshots.append((step, directory.snapshot()))
            }
        }
        // Two segments rewritten (a=1 b=1, a=2 c=1), four steps each, and the checkpoint.
        #expect(snapshots.count == 9)
        #expect(snapshots.first?.0 == .cleanedWritten && snapshots.last?.0 == .checkpointWritten)
        for (index, (step, snapshot)) in snapshots.enumerated() {
            let log = try EventLog(directory: snapshot.path, configuration: Self.quiet)
            defer { log.close() }
            let partition = try log.partition(topic: "state", partition: 0)
            let found = describe(try KeyedBatches.records(of: partition, from: 0))
            let leftovers = snapshot.files(under: "topics/state/0").filter {
                $0.hasSuffix(".cleaned") || $0.hasSuffix(".swap")
            }
            #expect(leftovers.isEmpty, "after \(step) (\(index))")
            // Whatever the step, no record survives that compaction keeps, and each key's latest value is there.
            #expect(Set(Self.compacted).isSubset(of: Set(found)), "after \(step) (\(index)): \(found)")
            #expect(Set(found).isSubset(of: Set(Self.original)), "after \(step) (\(index)): \(found)")
            if index == 0 { #expect(found == Self.original) }
            if step == .checkpointWritten { #expect(found == Self.compacted) }
            // The next pass finishes the work.
            _ = try partition.compact(force: true)
            #expect(
                describe(try KeyedBatches.records(of: partition, from: 0)) == Self.compacted,
                "after \(step) (\(index))"
            )
        }
    }

    @Test func theBackgroundCleanerCompactsWhileAppendsGoOn() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var configuration = Self.quiet
        configuration.cleanerIntervalMilliseconds = 20
        let log = try EventLog(directory: directory.path, configuration: configuration)
        defer { log.close() }
        let partition = try keyedTopic(log)
        let deadline = Date().addingTimeInterval(5)
        while try Array(describe(KeyedBatches.records(of: partition, from: 0)).prefix(4)) != Self.compacted,
            Date() < deadline
        {
            try partition.append(KeyedBatches.batch([("z", "1")]))
            Thread.sleep(forTimeInterval: 0.01)
        }
        let found = describe(try KeyedBatches.records(of: partition, from: 0))
        #expect(Array(found.prefix(4)) == Self.compacted)
    }

    @Test func compactionRunsBesideAppendsWithoutHoldingThemUp() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        try log.createTopic("state", partitions: 1, configs: ["cleanup.policy": "compact", "segment.bytes": "1048576"])
        let partition = try log.partition(topic: "state", partition: 0)
        // 8 MiB of 200-byte values over 2,000 keys, 100 records a batch.
        let value = String(repeating: "v", count: 200)
        var key = 0
        while partition.sizeInBytes < 8 << 20 {
            try partition.append(
                KeyedBatches.batch(
                    (0..<100).map { _ in
                        key = (key + 7) % 2_000
                        return (key: "key-\(key)", value: value)
                    }
                )
            )
        }
        let bytes = partition.sizeInBytes
        let latencies = Locked<[Double]>([])
        let done = Atomic<Bool>(false)
        let appender = Thread {
            while !done.load(ordering: .acquiring) {
                let start = Date()
                _ = try? partition.append(KeyedBatches.batch([("live", "1")]))
                latencies.withLock { $0.append(Date().timeIntervalSince(start)) }
            }
        }
        appender.start()
        let start = Date()
        let result = try #require(try partition.compact())
        let seconds = Date().timeIntervalSince(start)
        done.store(true, ordering: .releasing)
        while latencies.withLock({ $0.isEmpty }) { Thread.sleep(forTimeInterval: 0.001) }
        let appendTimes = latencies.withLock { $0 }.sorted()
        print(
            "compaction: \(bytes) bytes in \(String(format: "%.2f", seconds)) s"
                + " (\(String(format: "%.1f", Double(result.bytesBefore) / seconds / 1_048_576)) MB/s of cleaned segments),"
                + " \(result.bytesBefore) -> \(result.bytesAfter) bytes; \(appendTimes.count) appends meanwhile,"
                + " p50 \(String(format: "%.3f", appendTimes[appendTimes.count / 2] * 1000)) ms,"
                + " max \(String(format: "%.3f", appendTimes.last! * 1000)) ms"
        )
        #expect(result.bytesAfter < result.bytesBefore / 2)
        // Appends never wait for the pass: each took a small part of it.
        #expect(appendTimes.count > 10)
        #expect(appendTimes.last! < seconds / 4)
        #expect(Set(try KeyedBatches.records(of: partition, from: 0).compactMap(\.key)).count == 2_001)
    }
}
