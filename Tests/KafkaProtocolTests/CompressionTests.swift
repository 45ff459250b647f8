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

    @Test(arguments: CompressionCodec.allCases)
    func anUnlimitedBoundWorks(_ codec: CompressionCodec) throws {
        let input = Self.sampleText(100_000)
        var compressed = ByteBuffer()
        try codec.compress(input, into: &compressed)
        #expect(try codec.decompress(compressed, maximumDecompressedSize: .max) == input)
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

    @Test func snappyFramesEmptyInputWithOneChunk() throws {
        // librdkafka recognises xerial framing only when more than the 16-byte header follows.
        var compressed = ByteBuffer()
        try CompressionCodec.snappy.compress(ByteBuffer(), into: &compressed)
        #expect(compressed.readableBytes > 20)
        #expect(try CompressionCodec.snappy.decompress(compressed, maximumDecompressedSize: 0) == ByteBuffer())
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

    /// Streams written by Debian's `zstd`, `lz4` and `gzip` commands reading stdin: the zstd frame
    /// does not declare its content size (as Java's zstd-jni stream does not), the LZ4 frame has a
    /// content checksum, and the gzip stream uses level 9.
    @Test func decodesStreamsWrittenByCommandLineTools() throws {
        let plain = ByteBuffer(string: (0..<300).map { #"{"ply":\#($0),"uci":"e2e4"}"# }.joined())
        #expect(plain.readableBytes == 7090)
        let samples: [(CompressionCodec, ByteBuffer)] = [
            (.zstd, Self.zstdStreamWithoutContentSize), (.lz4, Self.lz4FrameWithContentChecksum),
            (.gzip, Self.gzipFromTheCommandLine),
        ]
        for (codec, compressed) in samples {
            #expect(try codec.decompress(compressed, maximumDecompressedSize: 7090) == plain)
            #expect(throws: CompressionError.decompressedSizeLimitExceeded(codec: codec, limit: 7089)) {
                try codec.decompress(compressed, maximumDecompressedSize: 7089)
            }
        }
    }
}

extension CompressionTests {
    static let zstdStreamWithoutContentSize = hex(
        """
        28b52ffd0458bd0900a6d42d15b027c3018d3856682dc9299152a69452e2f44b320f2c0026002600ff6ddbb6edb66ddb
        96244992dcb66ddb44444444a468ee72923054600243611808301800a2301c10140c08016ddb92244992dbb66d9b8888
        8888444444444448555555551511111111d1ccccccccccffff0f22222222128bc562b1582c168b555555555511111111
        11cdccccccccfcffffffb66ddb76db06555555555544444444443333333333ffffffbf6ddbb6ddb66ddb92244992dbb6
        6d9b04812ca821f4eb7f06c147d572118c103c427083e5c7576dbaaad356ad566bba6a93ab7ebedff7fbbebe99699a2c
        d3628d9669b22c37d3fc270a518d40894009810a02f5038a07940e280ea81b50b6065a92a42419492292482291442489
        481292f4d2149a76a6cc34658a4c1b5362da14a6606c43084308410a7609a455f0aec403
        """
    )

    static let lz4FrameWithContentChecksum = hex(
        """
        04224d186440a7f5050000f3077b22706c79223a302c22756369223a2265326534227d16001f311600021f321600021f
        331600021f341600021f351600021f361600021f371600021f381600021f391600021f31dd00040fde00031f31df0003
        1f31e000031f31e100031f31e200031f31e300031f31e400031f31e500031f31e600031f32e600031f32e600031f32e6
        00031f32e600031f32e600031f32e600031f32e600031f32e600031f32e600031f32e600031f33e600031f33e600031f
        33e600031f33e600031f33e600031f33e600031f33e600031f33e600031f33e600031f33e600031f34e600031f34e600
        031f34e600031f34e600031f34e600031f34e600031f34e600031f34e600031f34e600031f34e600031f35e600031f35
        e600031f35e600031f35e600031f35e600031f35e600031f35e600031f35e600031f35e600031f35e600031f36e60003
        1f36e600031f36e600031f36e600031f36e600031f36e600031f36e600031f36e600031f36e600031f36e600031f37e6
        00031f37e600031f37e600031f37e600031f37e600031f37e600031f37e600031f37e600031f37e600031f37e600031f
        38e600031f38e600031f38e600031f38e600031f38e600031f38e600031f38e600031f38e600031f38e600031f38e600
        031f39e600031f39e600031f39e600031f39e600031f39e600031f39e600031f39e600031f39e600031f39e600031f39
        e600032f3130e700032f3130e800032f3130e900032f3130ea00032f3130eb00032f3130ec00032f3130ed00032f3130
        ee00032f3130ef00032f3130f000040f0709060ff000040f0909050f0a09050f0b09050f0c09050f0d09050f0e09050f
        0f09050f1009041f311109041f311209041f311309042f3132e001040f1509041f311609041f311709041f311809041f
        311909041f311a09041f311b09041f311c09041f311d09041f311e09041f311f09041f312009041f312109041f312209
        041f312309041f312409041f312509041f312609041f312709041f312809041f312909041f312a09041f312b09041f31
        2c09041f312d09041f312e09041f312f09041f313009041f313109041f313209041f313309041f313409041f31350904
        1f313609041f313709041f313809041f313909041f313a09041f313b09041f313c09041f313d09041f313e09041f313f
        09041f314009041f314109041f314209041f314309041f314409041f314509041f314609041f314709041f314809041f
        314909041f314a09041f314b09041f314c09041f314d09041f314e09041f314f09041f315009041f315109041f315209
        041f315309041f315409041f315509041f315609041f315709041f315809041f315909041f315a09041f315b09041f31
        5c09041f315d09041f315e09041f315f09041f316009041f326009041f326009041f326009041f326009041f32600904
        1f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f3260
        09041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f
        326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009
        041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f32
        6009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f32600904
        1f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f3260
        09041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f
        326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009
        041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041f32
        6009041f326009041f326009041f326009041f326009041f326009041f326009041f326009041732600950326534227d
        00000000792303b3
        """
    )

    static let gzipFromTheCommandLine = hex(
        """
        1f8b080000000000020375d93b0eeb041884d1bda4a6c88c9dd8bedb411448143414e88abd53d0a139eddf7dcaeb78f2
        f3f5e71f7fbf7ebc7f79fdf5ebefaf1fafdffadbf9fae7e77fd7cc6be7f598d7735e3ff3fa9dd76b5eef797d7605e276
        5d765e765f7660766176627663766476657765f11aeecaeecaeecaeecaeecaeecaeecaeeca63571ebbf2c05b75571ebb
        f2d895c7ae3c76e5b12b8f5d79eeca73579ebbf2c42772579ebbf2dc95e7ae3c77e5b92b3fbbf2b32b3fbbf2b32b3ff8
        e2d9959f5df9d9959f5df9d995df5df9dd95df5df9dd95df5df9c5f7ebaefceecaefaefceeca6b575ebbf2da95d7aebc
        76e5b52b2ffc8cecca6b575ebbf2de95f7aebc77e5bd2bef5d79efca7b57def8b5dc95f7ae7c76e5b32b9f5df9ecca67
        573ebbf2d995cfae7c8002a9002c78c3056fc0e00d19bc4183376cf0060eded0c11b3c78a3970c42af2024098942b290
        30240d8943f05000a254ee432f4c14a0285051c0a2c045018c021905340a6c9443d0452f7814f828005220a480488191
        0224054a0a989453b2472fa4145029b05280a5404b0197022f05600ac4948f1e65d00b34056a0ad814b829805320a780
        4e819d023ce5ab6737f4c24f01a0024105840a0c15202a5054c0a8c051b9f4b08a5e502ab05480a9405301a7024f05a0
        0a4415902ab79eced10b5505ac0a5c15c02a905540abc05601ae025de5d11ca13d0283047c55f8aaf055e1abc25785af
        0a5f15be2a7cd56880412f7c55f8aaf055e1abc25785af0a5f557b9306272e4ee8d5e6a4d149ab936627ed4e1a9ee0ab
        c25785af7a6862432f7c55f8aaf055e1abc25785af0a5f15be2a7cd5539b227ae1abc25785af0a5f15be2a7c55f8aaf0
        55e1ab7e34a2a217be2a7c55f8aaf055e1abc25785af0a5f15beea57ab317ae1abc25785af0a5f15be2a7c55f8aaf055
        e1ab5e9ac9d10b5f15be2a7c55f8aaf055e1abc25785af0a5ff5d6ff02e885af0a5f15be2a7c55f8aaf055e1abc25785
        affae88f90fff5fe0b17de8209b21b0000
        """
    )
}
