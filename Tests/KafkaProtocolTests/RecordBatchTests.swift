import KafkaProtocol
import NIOCore
import Testing

/// A batch with keys, a null value, an empty value, headers (one with a null value) and deltas of
/// every size.
func sampleBatch(recordCount: Int = 6) -> RecordBatch {
    var records: [Record] = []
    for index in 0..<recordCount {
        let value: ByteBuffer? =
            switch index % 3 {
            case 0: ByteBuffer(string: #"{"game_id":"g\#(index)","event":"started","ts":1700000000000}"#)
            case 1: nil
            default: ByteBuffer()
            }
        records.append(
            Record(
                timestampDelta: Int64(index) * 1_000_003,
                offsetDelta: Int32(index),
                key: index == 4 ? nil : ByteBuffer(string: "game-\(index)"),
                value: value,
                headers: index % 2 == 0
                    ? [
                        RecordHeader(key: "source", value: ByteBuffer(string: "chess")),
                        RecordHeader(key: "trace-ü", value: nil),
                    ] : []
            )
        )
    }
    return RecordBatch(
        baseOffset: 1234,
        partitionLeaderEpoch: 5,
        baseTimestamp: 1_700_000_000_000,
        producerId: 99,
        producerEpoch: 2,
        baseSequence: 17,
        records: records
    )
}

@Suite struct RecordBatchTests {
    @Test(arguments: CompressionCodec.allCases)
    func roundTripsWithEveryCodec(_ codec: CompressionCodec) throws {
        let batch = sampleBatch()
        var buffer = ByteBuffer()
        try batch.encode(into: &buffer, compression: codec)

        let header = try #require(RecordBatchHeader(from: buffer, at: 0))
        #expect(header.totalSize == buffer.readableBytes)
        #expect(header.attributes.compression == codec)
        #expect(header.recordCount == 6)
        #expect(header.lastOffsetDelta == 5)
        #expect(header.maxTimestamp == 1_700_000_000_000 + 5 * 1_000_003)
        #expect(
            header.crc
                == buffer.withUnsafeReadableBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[21...])) }
        )

        let decoded = try RecordBatch(decoding: buffer)
        var expected = batch
        expected.attributes = RecordBatchAttributes(compression: codec)
        #expect(decoded == expected)
        #expect(decoded.records[1].value == nil)
        #expect(decoded.records[2].value == ByteBuffer())
        #expect(decoded.records[4].key == nil)
        #expect(decoded.records[0].headers[1] == RecordHeader(key: "trace-ü", value: nil))
        #expect(decoded.offset(of: decoded.records[3]) == 1237)
        #expect(decoded.timestamp(of: decoded.records[3]) == 1_700_000_000_000 + 3 * 1_000_003)
    }

    @Test(arguments: CompressionCodec.allCases)
    func roundTripsLargeBatches(_ codec: CompressionCodec) throws {
        let batch = sampleBatch(recordCount: 5000)
        var buffer = ByteBuffer()
        try batch.encode(into: &buffer, compression: codec)
        let decoded = try buffer.readRecordBatch()
        #expect(decoded.records == batch.records)
        #expect(buffer.readableBytes == 0)
    }

    @Test(arguments: CompressionCodec.allCases)
    func roundTripsAnEmptyBatch(_ codec: CompressionCodec) throws {
        let batch = RecordBatch(baseTimestamp: 42, records: [])
        var buffer = ByteBuffer()
        try batch.encode(into: &buffer, compression: codec)
        let decoded = try RecordBatch(decoding: buffer)
        #expect(decoded.records.isEmpty)
        #expect(decoded.maxTimestamp == 42)
    }

    @Test func encodingAppendsAfterExistingBytes() throws {
        var buffer = ByteBuffer(string: "prefix")
        try sampleBatch().encode(into: &buffer, compression: .gzip)
        buffer.moveReaderIndex(forwardBy: 6)
        #expect(try buffer.readRecordBatch().records == sampleBatch().records)
    }

    @Test func compressionDefaultsToTheAttributesCodec() throws {
        var batch = sampleBatch()
        batch.attributes = RecordBatchAttributes(compression: .zstd)
        var buffer = ByteBuffer()
        try batch.encode(into: &buffer)
        #expect(RecordBatchHeader(from: buffer, at: 0)?.attributes.compression == .zstd)
    }

    @Test func logAppendTimeKeepsTheStoredMaxTimestamp() throws {
        var batch = sampleBatch()
        batch.attributes = RecordBatchAttributes(rawValue: 0x08)
        batch.maxTimestamp = 1_800_000_000_000
        var buffer = ByteBuffer()
        try batch.encode(into: &buffer, compression: .none)
        let decoded = try RecordBatch(decoding: buffer)
        #expect(decoded.maxTimestamp == 1_800_000_000_000)
        #expect(decoded.timestamp(of: decoded.records[2]) == 1_800_000_000_000)
    }

    @Test(arguments: CompressionCodec.allCases)
    func detectsAFlippedBit(_ codec: CompressionCodec) throws {
        var buffer = ByteBuffer()
        try sampleBatch().encode(into: &buffer, compression: codec)
        for index in [21, 40, 61, buffer.readableBytes - 1] {
            var corrupt = buffer
            corrupt.setInteger(corrupt.getInteger(at: index, as: UInt8.self)! ^ 0x10, at: index)
            #expect {
                try RecordBatch(decoding: corrupt)
            } throws: { error in
                guard case .checksumMismatch(let stored, _) = error as? RecordBatchError else { return false }
                return stored == RecordBatchHeader(from: buffer, at: 0)?.crc
            }
        }
    }

    @Test func rejectsOtherMagics() throws {
        var buffer = ByteBuffer()
        try sampleBatch().encode(into: &buffer, compression: .none)
        buffer.setInteger(Int8(1), at: 16)
        #expect(throws: RecordBatchError.unsupportedMagic(1)) { try RecordBatch(decoding: buffer) }
    }

    @Test func reportsTruncation() throws {
        var buffer = ByteBuffer()
        try sampleBatch().encode(into: &buffer, compression: .none)
        let whole = buffer.readableBytes
        let cut = buffer.getSlice(at: 0, length: whole - 1)!
        #expect(throws: RecordBatchError.truncated(needed: whole, available: whole - 1)) {
            try RecordBatch(decoding: cut)
        }
        var short = buffer.getSlice(at: 0, length: 10)!
        #expect(throws: RecordBatchError.self) { try short.readRecordBatch() }
        #expect(short.readerIndex == 0)
    }

    @Test func reportsARecordCountThatDisagreesWithTheRecords() throws {
        var buffer = ByteBuffer()
        try sampleBatch().encode(into: &buffer, compression: .none)
        // Claim one record more than there are, and fix up the CRC so that parsing is reached.
        buffer.setInteger(Int32(7), at: 57)
        resealChecksum(&buffer)
        #expect {
            try RecordBatch(decoding: buffer)
        } throws: { error in
            guard case .malformedRecord(let index, _) = error as? RecordBatchError else { return false }
            return index == 6
        }
        buffer.setInteger(Int32(5), at: 57)
        resealChecksum(&buffer)
        #expect {
            try RecordBatch(decoding: buffer)
        } throws: { error in
            guard case .trailingBytes = error as? RecordBatchError else { return false }
            return true
        }
    }

    @Test func aForgedRecordCountFailsWithoutReservingForIt() throws {
        var buffer = ByteBuffer()
        try sampleBatch().encode(into: &buffer, compression: .gzip)
        buffer.setInteger(Int32.max, at: 57)
        resealChecksum(&buffer)
        #expect {
            try RecordBatch(decoding: buffer)
        } throws: { error in
            guard case .malformedRecord = error as? RecordBatchError else { return false }
            return true
        }
    }

    @Test func garbageRecordsThrowButNeverCrash() throws {
        var generator = SystemRandomNumberGenerator()
        var template = ByteBuffer()
        try sampleBatch().encode(into: &template, compression: .none)
        for round in 0..<3000 {
            var buffer = template
            // Scribble over the records section and reseal the CRC so the parser sees the garbage.
            let flips = 1 + round % 8
            for _ in 0..<flips {
                let index = Int.random(in: 61..<buffer.readableBytes, using: &generator)
                buffer.setInteger(UInt8.random(in: 0...255, using: &generator), at: index)
            }
            resealChecksum(&buffer)
            _ = try? RecordBatch(decoding: buffer)
        }
    }

    @Test(arguments: [CompressionCodec.gzip, .snappy, .lz4, .zstd])
    func garbageCompressedRecordsThrowButNeverCrash(_ codec: CompressionCodec) throws {
        var generator = SystemRandomNumberGenerator()
        var template = ByteBuffer()
        try sampleBatch(recordCount: 50).encode(into: &template, compression: codec)
        for round in 0..<500 {
            var buffer = template
            for _ in 0..<(1 + round % 4) {
                let index = Int.random(in: 61..<buffer.readableBytes, using: &generator)
                buffer.setInteger(UInt8.random(in: 0...255, using: &generator), at: index)
            }
            resealChecksum(&buffer)
            _ = try? RecordBatch(decoding: buffer, maximumDecompressedSize: 1 << 20)
        }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let count = Int.random(in: 0...200, using: &generator)
            var bytes = ByteBuffer(bytes: (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
            if count > 17 {
                bytes.setInteger(Int8(2), at: 16)
                bytes.setInteger(Int32(count - 12), at: 8)
            }
            _ = try? RecordBatch(decoding: bytes, verifyingChecksum: false)
        }
    }
}

/// Recomputes the CRC-32C of the batch at the start of `buffer` after a test changed its bytes.
func resealChecksum(_ buffer: inout ByteBuffer) {
    let crc = buffer.withUnsafeReadableBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[21...])) }
    buffer.setInteger(crc, at: 17)
}
