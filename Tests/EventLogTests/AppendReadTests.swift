import EventLog
import KafkaProtocol
import NIOCore
import Testing

@Suite struct AppendReadTests {
    static let quiet = EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)

    @Test func appendAssignsOffsetsAcrossBatches() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        try log.createTopic("events", partitions: 2)
        let partition = try log.partition(topic: "events", partition: 1)

        let first = try partition.append(TestBatches.batch(records: 3))
        #expect(first.baseOffset == 0)
        #expect(first.lastOffset == 2)
        #expect(!first.isDuplicate)
        let second = try partition.append(
            TestBatches.concatenate([TestBatches.batch(records: 2), TestBatches.batch(records: 5)])
        )
        #expect(second.baseOffset == 3)
        #expect(second.lastOffset == 9)
        #expect(partition.earliestOffset == 0)
        #expect(partition.latestOffset == 10)

        let read = try partition.read(from: 0, maxBytes: 1 << 20)
        #expect(read.highWatermark == 10)
        #expect(read.logStartOffset == 0)
        let headers = TestBatches.headers(in: read.records)
        #expect(headers.map(\.baseOffset) == [0, 3, 5])
        #expect(headers.map(\.lastOffset) == [2, 4, 9])
    }

    @Test func readReturnsTheContainingBatchAndAtLeastOneBatch() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        try log.createTopic("events", partitions: 1)
        let partition = try log.partition(topic: "events", partition: 0)
        for _ in 0..<4 { try partition.append(TestBatches.batch(records: 10, payloadSize: 1_000)) }

        let middle = try partition.read(from: 15, maxBytes: 1)
        #expect(TestBatches.headers(in: middle.records).map(\.baseOffset) == [10])
        let two = try partition.read(from: 10, maxBytes: 2 * 1_061 + 500)
        #expect(TestBatches.headers(in: two.records).map(\.baseOffset) == [10, 20])

        let atEnd = try partition.read(from: 40, maxBytes: 1_000)
        #expect(atEnd.records.readableBytes == 0)
        #expect(atEnd.highWatermark == 40)
        #expect(throws: EventLogError.offsetOutOfRange(requested: 41, logStartOffset: 0, logEndOffset: 40)) {
            try partition.read(from: 41, maxBytes: 1_000)
        }
        #expect((try? partition.read(from: -1, maxBytes: 1)) == nil)
    }

    @Test func storedBytesAreTheProducedBytesWithOnlyTheBaseOffsetChanged() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        try log.createTopic("events", partitions: 1)
        let partition = try log.partition(topic: "events", partition: 0)
        try partition.append(TestBatches.batch(records: 7))
        let produced = TestBatches.batch(records: 2, fill: 0x7A)
        try partition.append(produced)

        let stored = try partition.read(from: 7, maxBytes: 10_000).records
        #expect(stored.getInteger(at: 0, as: Int64.self) == 7)
        #expect(
            stored.getBytes(at: 8, length: stored.readableBytes - 8)
                == produced.getBytes(at: 8, length: produced.readableBytes - 8)
        )
        #expect(produced.getInteger(at: 0, as: Int64.self) == 0, "the caller's buffer is left alone")
    }

    @Test func aBadBatchAmongGoodOnesAppendsNothing() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        try log.createTopic("events", partitions: 1)
        let partition = try log.partition(topic: "events", partition: 0)
        try partition.append(TestBatches.batch())

        var corrupt = TestBatches.batch(records: 2)
        corrupt.setInteger(UInt8(0xFF), at: 70)
        #expect(throws: EventLogError.self) {
            try partition.append(TestBatches.concatenate([TestBatches.batch(), corrupt, TestBatches.batch()]))
        }
        do {
            try partition.append(TestBatches.concatenate([TestBatches.batch(), corrupt]))
            Issue.record("a corrupt batch was accepted")
        } catch {
            #expect(error.kafkaErrorCode == 2)
        }

        var badMagic = TestBatches.batch()
        badMagic.setInteger(Int8(1), at: 16)
        #expect(throws: EventLogError.invalidRecord("magic 1; only 2 is supported")) {
            try partition.append(badMagic)
        }
        var truncated = TestBatches.batch(payloadSize: 50)
        truncated.moveWriterIndex(to: truncated.writerIndex - 10)
        do {
            try partition.append(truncated)
            Issue.record("a truncated batch was accepted")
        } catch {
            #expect(error.kafkaErrorCode == 2)
        }
        var wrongCount = TestBatches.batch(records: 3)
        wrongCount.setInteger(Int32(5), at: 57)
        wrongCount.setInteger(
            wrongCount.withUnsafeReadableBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[21...])) },
            at: 17
        )
        do {
            try partition.append(wrongCount)
            Issue.record("an inconsistent record count was accepted")
        } catch {
            #expect(error.kafkaErrorCode == 87)
        }

        #expect(partition.latestOffset == 1)
        #expect(partition.sizeInBytes == TestBatches.batch().readableBytes)
    }

    @Test func offsetForTimestampUsesBatchMaxTimestamps() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var configuration = Self.quiet
        configuration.indexIntervalBytes = 200
        configuration.defaultTopicConfiguration.segmentBytes = 2_000
        let log = try EventLog(directory: directory.path, configuration: configuration)
        defer { log.close() }
        try log.createTopic("events", partitions: 1)
        let partition = try log.partition(topic: "events", partition: 0)
        for index in 0..<50 {
            try partition.append(TestBatches.batch(records: 2, timestamp: 1_000 + Int64(index) * 10))
        }
        #expect(partition.segmentCount > 3)
        #expect(try partition.offset(forTimestamp: 0) == 0)
        #expect(try partition.offset(forTimestamp: 1_000) == 0)
        #expect(try partition.offset(forTimestamp: 1_001) == 2)
        #expect(try partition.offset(forTimestamp: 1_250) == 50)
        #expect(try partition.offset(forTimestamp: 1_255) == 52)
        #expect(try partition.offset(forTimestamp: 1_490) == 98)
        #expect(try partition.offset(forTimestamp: 1_491) == nil)
    }

    @Test func appendTakesOnlyTheReadableBytesOfASlice() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        try log.createTopic("events", partitions: 1)
        let partition = try log.partition(topic: "events", partition: 0)
        var request = ByteBufferAllocator().buffer(capacity: 1_000)
        request.writeString("request header")
        var batches = TestBatches.concatenate([TestBatches.batch(records: 2), TestBatches.batch(records: 3)])
        request.writeBuffer(&batches)
        request.moveReaderIndex(forwardBy: 14)
        let result = try partition.append(request)
        #expect(result.baseOffset == 0)
        #expect(result.lastOffset == 4)
        #expect(
            TestBatches.headers(in: try partition.read(from: 0, maxBytes: 1_000).records).map(\.baseOffset) == [0, 2]
        )
    }

    @Test func unusableTopicConfigurationsAreRejected() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        #expect(throws: EventLogError.self) {
            try log.createTopic("events", partitions: 1, configuration: TopicConfiguration(segmentBytes: 0))
        }
        #expect(throws: EventLogError.self) {
            try log.createTopic("events", partitions: 1, configuration: TopicConfiguration(retentionMilliseconds: -5))
        }
        #expect(log.listTopics().isEmpty)
    }

    @Test func oversizedBatchesAreRejected() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        try log.createTopic("events", partitions: 1, configuration: TopicConfiguration(maxMessageBytes: 1_000))
        let partition = try log.partition(topic: "events", partition: 0)
        #expect(throws: EventLogError.messageTooLarge(size: 1_061, limit: 1_000)) {
            try partition.append(TestBatches.batch(payloadSize: 1_000))
        }
        #expect(try partition.append(TestBatches.batch(payloadSize: 900)).baseOffset == 0)
    }

    @Test func offsetForTimestampFindsTheRecordInsideABatch() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.quiet)
        defer { log.close() }
        try log.createTopic("moves", partitions: 1)
        let partition = try log.partition(topic: "moves", partition: 0)
        for codec in [CompressionCodec.none, .gzip] {
            // Ten records stamped 5,000, 5,010, ... 5,090 (plus 1,000 for the second batch).
            let base = Int64(5_000 + (codec == .none ? 0 : 1_000))
            let records = (0..<10).map { index in
                Record(
                    timestampDelta: Int64(index) * 10,
                    offsetDelta: Int32(index),
                    key: nil,
                    value: ByteBuffer(string: "move \(index)")
                )
            }
            var bytes = ByteBuffer()
            try RecordBatch(baseTimestamp: base, records: records).encode(into: &bytes, compression: codec)
            try partition.append(bytes)
        }
        #expect(try partition.offset(forTimestamp: 5_000) == 0)
        #expect(try partition.offset(forTimestamp: 5_001) == 1)
        #expect(try partition.offset(forTimestamp: 5_035) == 4)
        #expect(try partition.offset(forTimestamp: 5_090) == 9)
        #expect(try partition.offset(forTimestamp: 5_091) == 10)
        #expect(try partition.offset(forTimestamp: 6_055) == 16)
        #expect(try partition.offset(forTimestamp: 6_091) == nil)
    }
}
