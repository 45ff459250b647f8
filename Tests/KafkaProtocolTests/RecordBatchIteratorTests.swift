import KafkaProtocol
import NIOCore
import Testing

@Suite struct RecordBatchIteratorTests {
    /// Every librdkafka fixture back to back, as a Fetch response would carry them.
    static func concatenatedFixtures() -> ByteBuffer {
        var buffer = ByteBuffer()
        for (_, batch) in RecordBatchFixtureTests.librdkafkaBatches {
            buffer.writeImmutableBuffer(batch)
        }
        return buffer
    }

    @Test func walksEveryBatch() throws {
        var iterator = RecordBatchIterator(Self.concatenatedFixtures())
        var codecs: [CompressionCodec] = []
        while let batch = try iterator.next() {
            #expect(batch.records == RecordBatchFixtureTests.expectedRecords)
            codecs.append(try #require(batch.attributes.compression))
        }
        #expect(codecs == [.none, .gzip, .snappy, .lz4, .zstd])
        #expect(iterator.trailingByteCount == 0)
    }

    @Test(arguments: [1, 11, 12, 30, 60, 61, 100])
    func ignoresATruncatedTrailingBatch(_ keptBytes: Int) throws {
        var buffer = Self.concatenatedFixtures()
        let last = RecordBatchFixtureTests.librdkafkaNone
        buffer.writeImmutableBuffer(last.getSlice(at: 0, length: keptBytes)!)
        var iterator = RecordBatchIterator(buffer)
        var count = 0
        while try iterator.next() != nil { count += 1 }
        #expect(count == 5)
        #expect(iterator.trailingByteCount == keptBytes)
        #expect(try iterator.next() == nil)
    }

    @Test func everyPrefixYieldsExactlyTheCompleteBatches() throws {
        let whole = Self.concatenatedFixtures()
        var ends: [Int] = []
        var end = 0
        for (_, batch) in RecordBatchFixtureTests.librdkafkaBatches {
            end += batch.readableBytes
            ends.append(end)
        }
        for length in 0...whole.readableBytes {
            var iterator = RecordBatchIterator(whole.getSlice(at: 0, length: length)!)
            var count = 0
            while try iterator.next() != nil { count += 1 }
            let complete = ends.filter { $0 <= length }
            #expect(count == complete.count)
            #expect(iterator.trailingByteCount == length - (complete.last ?? 0))
        }
    }

    @Test func yieldsEncodedBatchesWithoutDecoding() throws {
        var buffer = Self.concatenatedFixtures()
        buffer.writeImmutableBuffer(RecordBatchFixtureTests.librdkafkaGzip.getSlice(at: 0, length: 70)!)
        var iterator = RecordBatchIterator(buffer)
        var sizes: [Int] = []
        while let (header, bytes) = try iterator.nextEncodedBatch() {
            #expect(header.totalSize == bytes.readableBytes)
            #expect(header.recordCount == 4)
            sizes.append(bytes.readableBytes)
        }
        #expect(sizes == RecordBatchFixtureTests.librdkafkaBatches.map { $0.1.readableBytes })
        #expect(iterator.trailingByteCount == 70)
    }

    @Test func continuesAfterACorruptBatch() throws {
        var buffer = ByteBuffer()
        buffer.writeImmutableBuffer(RecordBatchFixtureTests.librdkafkaNone)
        let corruptIndex = buffer.writerIndex + 100
        buffer.writeImmutableBuffer(RecordBatchFixtureTests.librdkafkaNone)
        buffer.writeImmutableBuffer(RecordBatchFixtureTests.librdkafkaLZ4)
        buffer.setInteger(buffer.getInteger(at: corruptIndex, as: UInt8.self)! ^ 1, at: corruptIndex)

        var iterator = RecordBatchIterator(buffer)
        #expect(try iterator.next() != nil)
        #expect {
            try iterator.next()
        } throws: { error in
            guard case .checksumMismatch = error as? RecordBatchError else { return false }
            return true
        }
        #expect(try iterator.next()?.attributes.compression == .lz4)
        #expect(try iterator.next() == nil)
    }

    @Test func stopsAtALengthTooSmallForABatch() throws {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int64(0))
        buffer.writeInteger(Int32(3))
        buffer.writeBytes([1, 2, 3, 4, 5, 6, 7, 8])
        buffer.writeImmutableBuffer(RecordBatchFixtureTests.librdkafkaNone)
        var iterator = RecordBatchIterator(buffer)
        #expect(throws: RecordBatchError.invalidBatchLength(3)) { try iterator.next() }
        #expect(try iterator.next() == nil)
    }

    @Test func skipsAMessageOfAnOlderFormat() throws {
        // A magic 1 message: offset, size, crc, magic, attributes, timestamp, key -1, value "hi".
        var legacy = ByteBuffer()
        legacy.writeInteger(Int64(0))
        legacy.writeInteger(Int32(4 + 1 + 1 + 8 + 4 + 4 + 2))
        legacy.writeInteger(UInt32(0))
        legacy.writeInteger(Int8(1))
        legacy.writeInteger(Int8(0))
        legacy.writeInteger(Int64(0))
        legacy.writeInteger(Int32(-1))
        legacy.writeInteger(Int32(2))
        legacy.writeString("hi")

        var buffer = legacy
        buffer.writeImmutableBuffer(RecordBatchFixtureTests.librdkafkaNone)
        var iterator = RecordBatchIterator(buffer)
        #expect(throws: RecordBatchError.unsupportedMagic(1)) { try iterator.next() }
        #expect(try iterator.next()?.records == RecordBatchFixtureTests.expectedRecords)

        var partial = RecordBatchIterator(legacy.getSlice(at: 0, length: legacy.readableBytes - 1)!)
        #expect(try partial.next() == nil)
        #expect(partial.trailingByteCount == legacy.readableBytes - 1)
    }

    @Test func emptyInputHasNoBatches() throws {
        var iterator = RecordBatchIterator(ByteBuffer())
        #expect(try iterator.next() == nil)
        #expect(iterator.trailingByteCount == 0)
    }
}
