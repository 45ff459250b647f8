import KafkaProtocol
import NIOCore
import Testing

/// The old message formats (magic 0 and 1) that Produce before v3 and Fetch before v4 carry.
@Suite struct LegacyMessageSetTests {
    private func message(
        _ offset: Int64,
        _ value: String,
        key: String? = nil,
        timestamp: Int64 = -1
    )
        -> LegacyMessageSet.Message
    {
        LegacyMessageSet.Message(
            offset: offset,
            timestamp: timestamp,
            key: key.map { ByteBuffer(string: $0) },
            value: ByteBuffer(string: value)
        )
    }

    @Test(arguments: [Int8(0), 1]) func messagesRoundTrip(magic: Int8) throws {
        let messages = [
            message(5, "a", key: "k", timestamp: magic == 1 ? 1_700_000_000_000 : -1),
            message(6, "b", timestamp: magic == 1 ? 1_700_000_000_001 : -1),
        ]
        var set = ByteBuffer()
        for message in messages { LegacyMessageSet.write(message, magic: magic, into: &set) }
        #expect(try LegacyMessageSet.decode(set) == messages)
    }

    @Test func aDamagedChecksumIsRefused() {
        var set = ByteBuffer()
        LegacyMessageSet.write(message(0, "payload"), magic: 1, into: &set)
        set.setInteger(UInt8(ascii: "X"), at: set.writerIndex - 1)
        #expect(throws: RecordBatchError.self) { try LegacyMessageSet.decode(set) }
    }

    @Test func aPartialMessageAtTheEndIsIgnored() throws {
        var set = ByteBuffer()
        LegacyMessageSet.write(message(0, "whole"), magic: 1, into: &set)
        LegacyMessageSet.write(message(1, "cut"), magic: 1, into: &set)
        let cut = set.getSlice(at: 0, length: set.readableBytes - 3)!
        #expect(try LegacyMessageSet.decode(cut).map(\.offset) == [0])
    }

    /// A gzip wrapper of magic 1 holds inner offsets 0, 1, 2 and carries the last absolute one.
    @Test func compressedWrappersOpenWithRelativeOffsets() throws {
        var inner = ByteBuffer()
        for index in 0..<3 {
            LegacyMessageSet.write(message(Int64(index), "v\(index)", timestamp: 10), magic: 1, into: &inner)
        }
        var compressed = ByteBuffer()
        try CompressionCodec.gzip.compress(inner, into: &compressed)
        var wrapperBody = ByteBuffer()
        wrapperBody.writeInteger(Int8(1))
        wrapperBody.writeInteger(Int8(1))  // gzip
        wrapperBody.writeInteger(Int64(10))
        wrapperBody.writeInteger(Int32(-1))
        wrapperBody.writeInteger(Int32(compressed.readableBytes))
        wrapperBody.writeBuffer(&compressed)
        let checksum = wrapperBody.withUnsafeReadableBytes { crc32IEEE($0) }
        var set = ByteBuffer()
        set.writeInteger(Int64(42))
        set.writeInteger(Int32(4 + wrapperBody.readableBytes))
        set.writeInteger(checksum)
        set.writeBuffer(&wrapperBody)
        let messages = try LegacyMessageSet.decode(set)
        #expect(messages.map(\.offset) == [40, 41, 42])
        #expect(messages.map { String(buffer: $0.value!) } == ["v0", "v1", "v2"])
    }

    @Test func aProducedSetBecomesOneRecordBatch() throws {
        var set = ByteBuffer()
        for index in 0..<4 {
            LegacyMessageSet.write(
                message(0, "m\(index)", key: "k", timestamp: 100 + Int64(index)),
                magic: 1,
                into: &set
            )
        }
        let batch = try RecordBatch(decoding: LegacyMessageSet.recordBatch(fromProduced: set))
        #expect(batch.records.map { String(buffer: $0.value!) } == ["m0", "m1", "m2", "m3"])
        #expect(batch.records.map(\.offsetDelta) == [0, 1, 2, 3])
        #expect(batch.records.map { batch.timestamp(of: $0) } == [100, 101, 102, 103])
        #expect(throws: RecordBatchError.self) { try LegacyMessageSet.recordBatch(fromProduced: ByteBuffer()) }
    }

    @Test func batchesAreWrittenBackAsMessagesWithAbsoluteOffsets() throws {
        let batch = RecordBatch(
            baseOffset: 7,
            baseTimestamp: 1000,
            records: [
                Record(offsetDelta: 0, value: ByteBuffer(string: "x")),
                Record(timestampDelta: 5, offsetDelta: 1, value: nil),
            ]
        )
        var bytes = ByteBuffer()
        try batch.encode(into: &bytes, compression: .lz4)
        let messages = try LegacyMessageSet.decode(LegacyMessageSet.encode(batches: bytes, magic: 1))
        #expect(
            messages == [message(7, "x", timestamp: 1000), .init(offset: 8, timestamp: 1005, key: nil, value: nil)]
        )
    }

    /// CRC-32 (IEEE), bit by bit: the old formats' checksum, computed here independently of zlib.
    private func crc32IEEE(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
