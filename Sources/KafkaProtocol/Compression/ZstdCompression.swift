import CZstd
import NIOCore

/// Zstandard through libzstd: one or more zstd frames. Decompression streams, so frames that do not
/// declare their content size (as streaming producers write them) are read too.
enum ZstdCompression {
    static func compress(_ input: UnsafeRawBufferPointer, into output: inout ByteBuffer) throws(CompressionError) {
        let bound = ZSTD_compressBound(input.count)
        var result = 0
        output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { pointer in
            result = ZSTD_compress(
                pointer.baseAddress,
                pointer.count,
                input.baseAddress,
                input.count,
                ZSTD_CLEVEL_DEFAULT
            )
            return ZSTD_isError(result) == 0 ? result : 0
        }
        guard ZSTD_isError(result) == 0 else { throw .libraryFailure(codec: .zstd, detail: errorName(result)) }
    }

    static func decompress(
        _ input: UnsafeRawBufferPointer,
        into output: inout ByteBuffer,
        limit: Int
    ) throws(CompressionError) {
        guard let context = ZSTD_createDCtx() else {
            throw .libraryFailure(codec: .zstd, detail: "could not create a decompression context")
        }
        defer { ZSTD_freeDCtx(context) }

        // A single frame that declares its size (librdkafka's and ours do) decompresses in one call
        // into exactly that room, with no window buffer; anything else streams.
        let declared = ZSTD_getFrameContentSize(input.baseAddress, input.count)
        if declared < ZSTD_CONTENTSIZE_ERROR,
            ZSTD_findFrameCompressedSize(input.baseAddress, input.count) == input.count
        {
            guard declared <= UInt64(limit) else { throw .decompressedSizeLimitExceeded(codec: .zstd, limit: limit) }
            let expected = Int(declared)
            var result = 0
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: expected) { pointer in
                result = ZSTD_decompressDCtx(context, pointer.baseAddress, expected, input.baseAddress, input.count)
                return ZSTD_isError(result) == 0 ? result : 0
            }
            guard ZSTD_isError(result) == 0 else { throw .corruptInput(codec: .zstd, detail: errorName(result)) }
            guard result == expected else {
                throw .corruptInput(codec: .zstd, detail: "frames declare \(expected) bytes but hold \(result)")
            }
            return
        }
        let sizeHint = input.count * 4

        var sink = BoundedDecompressionOutput(codec: .zstd, limit: limit)
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var frameComplete = false
        while source.pos < source.size || !frameComplete {
            var result = 0
            let consumedBefore = source.pos
            var outputFull = false
            let written = try sink.append(to: &output, sizeHint: sizeHint) { pointer in
                var destination = ZSTD_outBuffer(dst: pointer.baseAddress, size: pointer.count, pos: 0)
                result = ZSTD_decompressStream(context, &destination, &source)
                outputFull = destination.pos == destination.size
                return ZSTD_isError(result) == 0 ? destination.pos : 0
            }
            guard ZSTD_isError(result) == 0 else { throw .corruptInput(codec: .zstd, detail: errorName(result)) }
            // 0 means a frame ended and was flushed; another may follow.
            frameComplete = result == 0
            if !frameComplete && !outputFull && source.pos == source.size {
                throw .truncatedInput(codec: .zstd)
            }
            if written == 0 && source.pos == consumedBefore && !outputFull {
                throw .corruptInput(codec: .zstd, detail: "no progress")
            }
        }
    }

    private static func errorName(_ code: Int) -> String {
        guard let name = ZSTD_getErrorName(code) else { return "zstd error \(code)" }
        return String(cString: name)
    }
}
