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
