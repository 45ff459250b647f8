import KafkaProtocol
import NIOCore
import Testing

/// Record batches captured from real clients, decoded whole.
///
/// The librdkafka batches were captured from confluent-kafka 2.16 (librdkafka 2.16.0) producing
/// to a tiny listener that recorded the Produce request and kept its record set: four records
/// (two with headers, a null value, a null key) with `compression.type` set to each codec. The
/// kafka-python batch was built by kafka-python 3.0.12's `DefaultRecordBatchBuilder` with gzip and
/// an idempotent producer id. librdkafka writes snappy as one raw block (no xerial framing).
@Suite struct RecordBatchFixtureTests {
    static let baseTimestamp: Int64 = 1_700_000_000_000

    static let startedValue = String(
        repeating: #"{"event":"started","ts":1700000000000,"white":"alice","black":"bob"}"#,
        count: 2
    )
    static let moveValue = String(
        repeating: #"{"event":"move","uci":"e2e4","ts":1700000000001,"white":"alice"}"#,
        count: 2
    )
    static let endedValue = #"{"event":"ended","ts":1700000000007,"result":"1-0","white":"alice","black":"bob"}"#

    static let expectedRecords = [
        Record(
            timestampDelta: 0,
            offsetDelta: 0,
            key: ByteBuffer(string: "game-1"),
            value: ByteBuffer(string: startedValue)
        ),
        Record(
            timestampDelta: 1,
            offsetDelta: 1,
            key: ByteBuffer(string: "game-1"),
            value: ByteBuffer(string: moveValue),
            headers: [
                RecordHeader(key: "source", value: ByteBuffer(string: "chess")),
                RecordHeader(key: "trace", value: nil),
            ]
        ),
        Record(timestampDelta: 5, offsetDelta: 2, key: ByteBuffer(string: "game-2"), value: nil),
        Record(timestampDelta: 7, offsetDelta: 3, key: nil, value: ByteBuffer(string: endedValue)),
    ]

    static let librdkafkaBatches: [(CompressionCodec, ByteBuffer)] = [
        (.none, librdkafkaNone), (.gzip, librdkafkaGzip), (.snappy, librdkafkaSnappy), (.lz4, librdkafkaLZ4),
        (.zstd, librdkafkaZstd),
    ]

    @Test(arguments: [0, 1, 2, 3, 4])
    func decodesLibrdkafkaBatches(_ index: Int) throws {
        let (codec, bytes) = Self.librdkafkaBatches[index]
        let batch = try RecordBatch(decoding: bytes)
        #expect(batch.attributes.compression == codec)
        #expect(batch.baseOffset == 0)
        #expect(batch.baseTimestamp == Self.baseTimestamp)
        #expect(batch.maxTimestamp == Self.baseTimestamp + 7)
        #expect(batch.producerId == -1)
        #expect(batch.records == Self.expectedRecords)
        #expect(batch.timestamp(of: batch.records[3]) == Self.baseTimestamp + 7)
    }

    @Test func reencodingTheUncompressedBatchReproducesItsBytes() throws {
        let batch = try RecordBatch(decoding: Self.librdkafkaNone)
        var buffer = ByteBuffer()
        try batch.encode(into: &buffer, compression: .none)
        #expect(buffer == Self.librdkafkaNone)
    }

    @Test(arguments: CompressionCodec.allCases)
    func reencodedBatchesDecodeToTheSameRecords(_ codec: CompressionCodec) throws {
        let batch = try RecordBatch(decoding: Self.librdkafkaZstd)
        var buffer = ByteBuffer()
        try batch.encode(into: &buffer, compression: codec)
        #expect(try RecordBatch(decoding: buffer).records == Self.expectedRecords)
    }

    @Test func decodesAKafkaPythonGzipBatch() throws {
        let batch = try RecordBatch(decoding: Self.kafkaPythonGzip)
        #expect(batch.attributes.compression == .gzip)
        #expect(batch.producerId == 42)
        #expect(batch.producerEpoch == 3)
        #expect(batch.baseSequence == 7)
        #expect(batch.records.count == 2)
        #expect(batch.records[0].key == ByteBuffer(string: "user-9"))
        #expect(
            batch.records[0].value
                == ByteBuffer(string: String(repeating: #"{"item":"sword","price":100,"ts":1700000000000}"#, count: 3))
        )
        #expect(batch.records[0].headers == [RecordHeader(key: "h", value: ByteBuffer(string: "v"))])
        #expect(batch.records[1].key == nil)
        #expect(batch.timestamp(of: batch.records[1]) == Self.baseTimestamp + 250)
    }

    @Test func snappyDecodingAcceptsXerialFramingOfTheSameBlock() throws {
        let rawBlock = Self.librdkafkaSnappy.getSlice(at: 61, length: Self.librdkafkaSnappy.readableBytes - 61)!
        var framed = ByteBuffer(bytes: [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00])
        framed.writeInteger(Int32(1))
        framed.writeInteger(Int32(1))
        framed.writeInteger(Int32(rawBlock.readableBytes))
        framed.writeImmutableBuffer(rawBlock)
        let fromRaw = try CompressionCodec.snappy.decompress(rawBlock, maximumDecompressedSize: 1 << 20)
        let fromFramed = try CompressionCodec.snappy.decompress(framed, maximumDecompressedSize: 1 << 20)
        #expect(fromRaw == fromFramed)
        #expect(fromRaw.readableBytes > 300)
    }
}

/// The bytes spelled by a string of hexadecimal digits; whitespace is ignored.
func hex(_ text: String) -> ByteBuffer {
    let digits = text.utf8.compactMap { character -> UInt8? in
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
    precondition(digits.count % 2 == 0, "odd number of hex digits")
    return ByteBuffer(bytes: stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] })
}

extension RecordBatchFixtureTests {
    static let librdkafkaNone = hex(
        """
        0000000000000000000001d20000000002018225160000000000030000018bcfe568000000018bcfe56807ffffffffff
        ffffffffffffffffff00000004aa020000000c67616d652d3190027b226576656e74223a2273746172746564222c2274
        73223a313730303030303030303030302c227768697465223a22616c696365222c22626c61636b223a22626f62227d7b
        226576656e74223a2273746172746564222c227473223a313730303030303030303030302c227768697465223a22616c
        696365222c22626c61636b223a22626f62227d00c2020002020c67616d652d3180027b226576656e74223a226d6f7665
        222c22756369223a2265326534222c227473223a313730303030303030303030312c227768697465223a22616c696365
        227d7b226576656e74223a226d6f7665222c22756369223a2265326534222c227473223a313730303030303030303030
        312c227768697465223a22616c696365227d040c736f757263650a63686573730a74726163650118000a040c67616d65
        2d320100b001000e0601a2017b226576656e74223a22656e646564222c227473223a313730303030303030303030372c
        22726573756c74223a22312d30222c227768697465223a22616c696365222c22626c61636b223a22626f62227d00
        """
    )

    static let librdkafkaGzip = hex(
        """
        0000000000000000000000ef000000000292b5520f0001000000030000018bcfe568000000018bcfe56807ffffffffff
        ffffffffffffffffff000000041f8b08000000000000035bc5c4c0c0c0939e989baa6b3881a95a29b52c35af44c94aa9
        b824b1a82435454947a9a458c9cad0dc00017494ca33324b52818a1273329353814a92721293b381fca4fc24a55a6a98
        c1708889818909eaac062467e5e69781149726670239a946a926580c374437bc9652fd2c3cc5f9a545c9a95cc919a9c5
        c55c254589c9a98c120c5c2c10171a31326c6064e063635cc488b029352f05abd7cd75948a528b4b73406a0c750d9408
        8504003f26d5f2a1010000
        """
    )

    static let librdkafkaSnappy = hex(
        """
        0000000000000000000000fc00000000027e5304990002000000030000018bcfe568000000018bcfe56807ffffffffff
        ffffffffffffffffff00000004a103a8aa020000000c67616d652d3190027b226576656e74223a227374617274656422
        2c227473223a31373030301102782c227768697465223a22616c696365222c22626c61636b223a22626f62227dfe4400
        01441400c2020002020d9700801d97086d6f76017124756369223a22653265344aa10000313ea1001d93d6400060040c
        736f757263650a63686573730a74726163650118000a0409a228320100b001000e0601a20119fd10656e6465644a9e00
        1c372c22726573756c21650c312d30223ead003a4e010000
        """
    )

    static let librdkafkaLZ4 = hex(
        """
        00000000000000000000010a00000000023c4d71ac0003000000030000018bcfe568000000018bcfe56807ffffffffff
        ffffffffffffffffff0000000404224d18604082ca000000f61aaa020000000c67616d652d3190027b226576656e7422
        3a2273746172746564222c227473223a3137300100ff102c227768697465223a22616c696365222c22626c61636b223a
        22626f62227d4400316300c202000202970017809700306d6f767100af756369223a2265326534a100001c31a1000793
        000f400023f20a040c736f757263650a63686573730a74726163650118000a04a200b6320100b001000e0601a201fd00
        3f656e643f010280372c22726573756c65014c312d3022ad00074e01506f62227d0000000000
        """
    )

    static let librdkafkaZstd = hex(
        """
        0000000000000000000000e40000000002e6bc55c10004000000030000018bcfe568000000018bcfe56807ffffffffff
        ffffffffffffffffff0000000428b52ffd0058550500924921257035ce01fc679f5cbd2b7e9410dd44d4fe6047cca7fc
        ffc752b85f104be5bbf821fe379101eb457986ae92453fed9a873a63b0806019c032e64076c02ee3ac08a587247239ad
        8a26c7239cb9a12369d9f95735295adb16b0093b956368838c9263e7cb488a867e8da083ddd23c685aedfcbcce58a9a1
        2bf5eb46b4c5533ec542b2bbad110c00a2b65942fb471bdb57b26136c4318b8903909b64d282b91acbca7104e4028332
        """
    )

    static let kafkaPythonGzip = hex(
        """
        00000000000000000000009b0000000002a4073c030001000000010000018bcfe568000000018bcfe568fa0000000000
        00002a000300000007000000021f8b080038c4046b02ffdbc3c4c0c0c0535a9c5aa46b398ba95a29b3243557c94aa9b8
        3cbf28454947a9a028333955c9cad0c04047a9a418c8303740805ada2a6762ca602a5bc5c4f085998911c96919f945c5
        a908cd46a6189a8142b5b455ce0000b813823a37010000
        """
    )
}
