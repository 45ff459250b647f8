import KafkaProtocol
import NIOCore
import Testing

@Suite struct LocatedRecordBatchTests {
    @Test(arguments: CompressionCodec.allCases)
    func locatesWhatDecodingMaterializes(_ codec: CompressionCodec) throws {
        var buffer = ByteBuffer()
        try sampleBatch().encode(into: &buffer, compression: codec)
        let located = try LocatedRecordBatch(decoding: buffer)
        let decoded = try RecordBatch(decoding: buffer)

        #expect(located.records.map(located.record) == decoded.records)
        #expect(located.records[1].value == nil)
        #expect(located.records[4].key == nil)
        #expect(located.records[0].headerCount == 2)
        let value = try #require(located.records[3].value)
        #expect(
            located.withUnsafeBytes(of: value) { String(decoding: $0, as: UTF8.self) }
                == #"{"game_id":"g3","event":"started","ts":1700000000000}"#
        )
        #expect(located.offset(of: located.records[3]) == decoded.offset(of: decoded.records[3]))
        #expect(located.timestamp(of: located.records[3]) == decoded.timestamp(of: decoded.records[3]))
    }

    /// Lengths and deltas whose varints take one to five bytes, the two-byte ones included, which
    /// the reader decodes on a fast path of their own.
    @Test func readsVarintsOfEveryLengthInRecords() throws {
        let sizes = [0, 1, 63, 64, 65, 8191, 8192, 8193, 70_000]
        let deltas: [Int64] = [0, -1, 63, -64, 64, -65, 4095, -4096, 8191, -8192, 8192, 1 << 40]
        let records = sizes.enumerated().map { index, size in
            Record(
                timestampDelta: deltas[index],
                offsetDelta: Int32(index * 4_000),
                key: ByteBuffer(repeating: UInt8(ascii: "k"), count: size / 2),
                value: ByteBuffer(repeating: UInt8(ascii: "v"), count: size),
                headers: [RecordHeader(key: String(repeating: "h", count: size % 100), value: nil)]
            )
        }
        var buffer = ByteBuffer()
        try RecordBatch(baseOffset: 10, baseTimestamp: 1_700_000_000_000, records: records).encode(into: &buffer)
        let located = try LocatedRecordBatch(decoding: buffer)
        #expect(located.records.map(located.record) == records)
        #expect(try RecordBatch(decoding: buffer).records == records)
    }

    @Test func iteratesLocatedBatches() throws {
        var buffer = ByteBuffer()
        try sampleBatch(recordCount: 2).encode(into: &buffer)
        try sampleBatch(recordCount: 3).encode(into: &buffer)
        var iterator = RecordBatchIterator(buffer)
        #expect(try iterator.nextLocatedBatch()?.records.count == 2)
        #expect(try iterator.nextLocatedBatch()?.records.count == 3)
        #expect(try iterator.nextLocatedBatch() == nil)
    }
}
