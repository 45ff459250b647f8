import EventLog
import Testing

@Suite struct DeleteRecordsTests {
    static let quiet = EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)

    /// A topic whose every two-record batch fills a segment: offsets 0...9 in segments 0, 2, 4, 6, 8.
    private func fiveSegments(_ log: EventLog) throws -> Partition {
        try log.createTopic("events", partitions: 1, configs: ["segment.bytes": "200", "retention.ms": "-1"])
        let partition = try log.partition(topic: "events", partition: 0)
        for _ in 0..<5 { try partition.append(TestBatches.batch(records: 2, payloadSize: 100)) }
        #expect(partition.segmentCount == 5)
        return partition
    }

    @Test func deleteRecordsMovesTheStartDeletesWholeSegmentsAndSurvivesACrash() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var crashed: TemporaryDirectory
        do {
            let log = try EventLog(directory: directory.path, configuration: Self.quiet)
            defer { log.close() }
            let partition = try fiveSegments(log)
            #expect(try partition.deleteRecords(before: 5) == 5)
            #expect(partition.earliestOffset == 5)
            #expect(partition.segmentCount == 3)
            #expect(directory.files(under: "topics/events/0").filter { $0.hasSuffix(".log") }.count == 3)
            #expect(throws: EventLogError.offsetOutOfRange(requested: 4, logStartOffset: 5, logEndOffset: 10)) {
                try partition.read(from: 4, maxBytes: 1_000)
            }
            // The batch holding offset 5 starts at 4, as Kafka serves it; the consumer skips offset 4.
            let read = try partition.read(from: 5, maxBytes: 100)
            #expect(read.logStartOffset == 5)
            #expect(TestBatches.headers(in: read.records).first?.baseOffset == 4)
            #expect(try partition.offset(forTimestamp: 0) == 5)
            // Lower than the start: nothing changes, the start is answered.
            #expect(try partition.deleteRecords(before: 3) == 5)
            #expect(throws: EventLogError.offsetOutOfRange(requested: 11, logStartOffset: 5, logEndOffset: 10)) {
                try partition.deleteRecords(before: 11)
            }
            #expect(throws: EventLogError.offsetOutOfRange(requested: -2, logStartOffset: 5, logEndOffset: 10)) {
                try partition.deleteRecords(before: -2)
            }
            crashed = directory.snapshot()
        }
        defer { crashed.remove() }
        for copy in [directory, crashed] {
            let log = try EventLog(directory: copy.path, configuration: Self.quiet)
            defer { log.close() }
            let partition = try log.partition(topic: "events", partition: 0)
            #expect(partition.earliestOffset == 5)
            #expect(partition.latestOffset == 10)
            #expect(throws: EventLogError.self) { try partition.read(from: 4, maxBytes: 1_000) }
            #expect(try partition.deleteRecords(before: Partition.highWatermarkOffset) == 10)
            #expect(partition.segmentCount == 1)
            #expect(try partition.read(from: 10, maxBytes: 1_000).records.readableBytes == 0)
            #expect(try partition.append(TestBatches.batch()).baseOffset == 10)
        }
    }

    @Test func aTopicThatIsOnlyCompactedRefusesDeleteRecords() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        try log.createTopic("state", partitions: 1, configs: ["cleanup.policy": "compact"])
        let partition = try log.partition(topic: "state", partition: 0)
        try partition.append(KeyedBatches.batch([("a", "1"), ("b", "2")]))
        do throws(EventLogError) {
            try partition.deleteRecords(before: 1)
            Issue.record("DeleteRecords on a compacted topic was accepted")
        } catch {
            #expect(error.kafkaErrorCode == 44)
            #expect(error.description == "Records of partition state-0 can not be deleted due to the configured policy")
        }
        #expect(partition.earliestOffset == 0)
        try log.alterTopicConfigs("state", replacingWith: ["cleanup.policy": "compact,delete"])
        #expect(try partition.deleteRecords(before: 1) == 1)
    }
}
