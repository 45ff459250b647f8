import KafkaProtocol
import NIOCore
import Testing

@Suite struct CompressionTests {
    /// Game-event-like text: compressible, but not trivially.
    static func sampleText(_ length: Int) -> ByteBuffer {
        var buffer = ByteBuffer()
        var index = 0
        while buffer.readableBytes < length {
            buffer.writeString(
                #"{"game_id":"g\#(index % 97)","ply":\#(index),"uci":"e2e4","ts":\#(1_700_000_000_000 + index)}"#
            )
            index += 1
        }
        return buffer.getSlice(at: 0, length: length)!
    }

    @Test(arguments: CompressionCodec.allCases, [0, 1, 1000, 32 * 1024, 32 * 1024 + 1, 300_000])
    func roundTrips(_ codec: CompressionCodec, _ length: Int) throws {
        let input = Self.sampleText(length)
        var compressed = ByteBuffer()
        try codec.compress(input, into: &compressed)
        if codec != .none && length >= 1000 { #expect(compressed.readableBytes < length) }
        let output = try codec.decompress(compressed, maximumDecompressedSize: length)
        #expect(output == input)
    }

    @Test func gzipWritesAGzipHeader() throws {
        var compressed = ByteBuffer()
        try CompressionCodec.gzip.compress(Self.sampleText(100), into: &compressed)
        #expect(compressed.getBytes(at: 0, length: 2) == [0x1F, 0x8B])
    }

    @Test func snappyWritesXerialFraming() throws {
        var compressed = ByteBuffer()
        try CompressionCodec.snappy.compress(Self.sampleText(100_000), into: &compressed)
        #expect(compressed.getBytes(at: 0, length: 8) == [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00])
        #expect(compressed.getInteger(at: 8, as: Int32.self) == 1)
        #expect(compressed.getInteger(at: 12, as: Int32.self) == 1)
    }

    @Test func lz4WritesAFrame() throws {
        var compressed = ByteBuffer()
        try CompressionCodec.lz4.compress(Self.sampleText(100), into: &compressed)
        #expect(compressed.getInteger(at: 0, endianness: .little, as: UInt32.self) == 0x184D_2204)
    }

    @Test(arguments: CompressionCodec.allCases)
    func decompressionStopsAtTheLimit(_ codec: CompressionCodec) throws {
        // A zip bomb in miniature: a megabyte of zeros compresses to very little.
        let zeros = ByteBuffer(repeating: 0, count: 1 << 20)
        var compressed = ByteBuffer()
        try codec.compress(zeros, into: &compressed)
        var output = ByteBuffer(string: "kept")
        #expect(throws: CompressionError.decompressedSizeLimitExceeded(codec: codec, limit: 100_000)) {
            try codec.decompress(compressed, into: &output, maximumDecompressedSize: 100_000)
        }
        #expect(output == ByteBuffer(string: "kept"))
        #expect(try codec.decompress(compressed, maximumDecompressedSize: 1 << 20) == zeros)
    }

    @Test func batchDecodingReportsTheLimit() throws {
        let batch = RecordBatch(
            baseTimestamp: 0,
            records: [Record(offsetDelta: 0, value: ByteBuffer(repeating: 0x41, count: 1 << 20))]
        )
        var buffer = ByteBuffer()
        try batch.encode(into: &buffer, compression: .zstd)
        #expect(buffer.readableBytes < 1000)
        #expect(throws: RecordBatchError.compression(.decompressedSizeLimitExceeded(codec: .zstd, limit: 65536))) {
            try RecordBatch(decoding: buffer, maximumDecompressedSize: 65536)
        }
    }

    @Test(arguments: [CompressionCodec.gzip, .snappy, .lz4, .zstd])
    func truncatedInputThrows(_ codec: CompressionCodec) throws {
        var compressed = ByteBuffer()
        try codec.compress(Self.sampleText(50_000), into: &compressed)
        for length in [0, 1, 5, compressed.readableBytes / 2, compressed.readableBytes - 1] {
            let cut = compressed.getSlice(at: 0, length: length)!
            #expect(throws: CompressionError.self) {
                try codec.decompress(cut, maximumDecompressedSize: 1 << 20)
            }
        }
    }

    @Test(arguments: [CompressionCodec.gzip, .snappy, .lz4, .zstd])
    func garbageThrowsButNeverCrashes(_ codec: CompressionCodec) throws {
        var generator = SystemRandomNumberGenerator()
        var compressed = ByteBuffer()
        try codec.compress(Self.sampleText(5000), into: &compressed)
        for round in 0..<1000 {
            var input: ByteBuffer
            if round % 2 == 0 {
                input = ByteBuffer(
                    bytes: (0..<Int.random(in: 0...300, using: &generator)).map { _ in
                        UInt8.random(in: 0...255, using: &generator)
                    }
                )
            } else {
                input = compressed
                for _ in 0..<(1 + round % 5) {
                    let index = Int.random(in: 0..<input.readableBytes, using: &generator)
                    input.setInteger(UInt8.random(in: 0...255, using: &generator), at: index)
                }
            }
            _ = try? codec.decompress(input, maximumDecompressedSize: 1 << 20)
        }
        #expect(throws: CompressionError.self) {
            try codec.decompress(ByteBuffer(string: "definitely not compressed data"), maximumDecompressedSize: 1000)
        }
    }

    @Test func concatenatedGzipMembersAreAllRead() throws {
        var compressed = ByteBuffer()
        try CompressionCodec.gzip.compress(ByteBuffer(string: "first,"), into: &compressed)
        try CompressionCodec.gzip.compress(ByteBuffer(string: "second"), into: &compressed)
        #expect(
            try CompressionCodec.gzip.decompress(compressed, maximumDecompressedSize: 100)
                == ByteBuffer(string: "first,second")
        )
    }

    @Test(arguments: [CompressionCodec.lz4, .zstd])
    func concatenatedFramesAreAllRead(_ codec: CompressionCodec) throws {
        var compressed = ByteBuffer()
        try codec.compress(ByteBuffer(string: "first,"), into: &compressed)
        try codec.compress(ByteBuffer(string: "second"), into: &compressed)
        #expect(try codec.decompress(compressed, maximumDecompressedSize: 100) == ByteBuffer(string: "first,second"))
    }
}
