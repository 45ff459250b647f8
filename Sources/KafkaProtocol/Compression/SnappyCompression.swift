import CSnappy
import NIOCore

/// Snappy through libsnappy, in the xerial framing of Kafka's Java client.
///
/// The Java client (snappy-java's `SnappyOutputStream`) writes a 16-byte header, the magic
/// `\u{82}SNAPPY\0` then version 1 and compatible version 1 as big-endian 32-bit integers, then
/// chunks of `[big-endian Int32 length][raw snappy block]`. librdkafka writes one raw snappy block
/// without framing. Decoding accepts both, as the Java client does.
enum SnappyCompression {
    /// The first eight bytes of a xerial-framed stream.
    static let xerialMagic: [UInt8] = [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00]
    /// Length of the xerial header: magic, version, compatible version.
    static let xerialHeaderLength = 16
    /// Uncompressed bytes per xerial chunk, snappy-java's default block size.
    static let xerialChunkLength = 32 * 1024

    static func compress(_ input: UnsafeRawBufferPointer, into output: inout ByteBuffer) throws(CompressionError) {
        let chunkCount = Swift.max(1, (input.count + xerialChunkLength - 1) / xerialChunkLength)
        output.reserveCapacity(
            minimumWritableBytes: xerialHeaderLength + chunkCount * 4
                + chunkCount * snappy_max_compressed_length(xerialChunkLength)
        )
        output.writeBytes(xerialMagic)
        output.writeInteger(Int32(1))
        output.writeInteger(Int32(1))
        // Always at least one chunk: librdkafka only recognises the framing when a chunk follows
        // the header, so even empty input gets one (holding an empty snappy block).
        var offset = 0
        repeat {
            let chunk = UnsafeRawBufferPointer(
                rebasing: input[offset..<Swift.min(offset + xerialChunkLength, input.count)]
            )
            offset += chunk.count
            let lengthIndex = output.writerIndex
            output.writeInteger(Int32(0))
            var status = SNAPPY_OK
            let written = output.writeWithUnsafeMutableBytes(
                minimumWritableBytes: snappy_max_compressed_length(chunk.count)
            ) { pointer in
                var length = pointer.count
                let destination = pointer.baseAddress!.assumingMemoryBound(to: CChar.self)
                if let source = chunk.baseAddress?.assumingMemoryBound(to: CChar.self) {
                    status = snappy_compress(source, chunk.count, destination, &length)
                } else {
                    status = snappy_compress("", 0, destination, &length)
                }
                return status == SNAPPY_OK ? length : 0
            }
            guard status == SNAPPY_OK else {
                throw .libraryFailure(codec: .snappy, detail: "snappy_compress status \(status.rawValue)")
            }
            output.setInteger(Int32(written), at: lengthIndex)
        } while offset < input.count
    }

    static func decompress(
        _ input: UnsafeRawBufferPointer,
        into output: inout ByteBuffer,
        limit: Int
    ) throws(CompressionError) {
        var sink = BoundedDecompressionOutput(codec: .snappy, limit: limit)
        guard startsWithXerialMagic(input, at: 0) else {
            try decompressBlock(input, into: &output, sink: &sink)
            return
        }
        guard input.count >= xerialHeaderLength else { throw .truncatedInput(codec: .snappy) }
        var offset = xerialHeaderLength
        while offset < input.count {
            // snappy-java accepts streams written one after another, each with its own header.
            if startsWithXerialMagic(input, at: offset) {
                guard input.count - offset >= xerialHeaderLength else { throw .truncatedInput(codec: .snappy) }
                offset += xerialHeaderLength
                continue
            }
            guard input.count - offset >= 4 else { throw .truncatedInput(codec: .snappy) }
            let length = Int(
                UInt32(input[offset]) << 24 | UInt32(input[offset + 1]) << 16 | UInt32(input[offset + 2]) << 8
                    | UInt32(input[offset + 3])
            )
            offset += 4
            guard length <= input.count - offset else { throw .truncatedInput(codec: .snappy) }
            try decompressBlock(
                UnsafeRawBufferPointer(rebasing: input[offset..<offset + length]),
                into: &output,
                sink: &sink
            )
            offset += length
        }
    }

    private static func startsWithXerialMagic(_ input: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard input.count - offset >= xerialMagic.count else { return false }
        for index in 0..<xerialMagic.count where input[offset + index] != xerialMagic[index] {
            return false
        }
        return true
    }

    /// Decompresses one raw snappy block, checking its announced length against the limit first.
    private static func decompressBlock(
        _ block: UnsafeRawBufferPointer,
        into output: inout ByteBuffer,
        sink: inout BoundedDecompressionOutput
    ) throws(CompressionError) {
        guard let base = block.baseAddress?.assumingMemoryBound(to: CChar.self), block.count > 0 else {
            throw .corruptInput(codec: .snappy, detail: "empty snappy block")
        }
        var expected = 0
        guard snappy_uncompressed_length(base, block.count, &expected) == SNAPPY_OK else {
            throw .corruptInput(codec: .snappy, detail: "unreadable block length")
        }
        guard expected <= sink.limit - sink.produced else {
            throw .decompressedSizeLimitExceeded(codec: .snappy, limit: sink.limit)
        }
        guard expected > 0 else { return }
        var status = SNAPPY_OK
        _ = try sink.append(to: &output, sizeHint: expected) { pointer in
            var length = pointer.count
            status = snappy_uncompress(
                base,
                block.count,
                pointer.baseAddress!.assumingMemoryBound(to: CChar.self),
                &length
            )
            return status == SNAPPY_OK ? length : 0
        }
        guard status == SNAPPY_OK else {
            throw .corruptInput(codec: .snappy, detail: "snappy_uncompress status \(status.rawValue)")
        }
    }
}
