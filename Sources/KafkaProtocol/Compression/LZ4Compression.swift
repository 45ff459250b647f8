import CLZ4
import NIOCore

/// LZ4 through liblz4, in the LZ4 frame format with independent blocks, as Kafka requires since
/// KIP-57 (magic 2 batches always carry a correct frame header checksum).
enum LZ4Compression {
    static func compress(_ input: UnsafeRawBufferPointer, into output: inout ByteBuffer) throws(CompressionError) {
        var preferences = LZ4F_preferences_t()
        // Kafka's Java reader requires independent blocks; block size and flags otherwise match
        // what librdkafka writes (64 KiB blocks, no content size, no content checksum).
        preferences.frameInfo.blockMode = LZ4F_blockIndependent
        preferences.frameInfo.blockSizeID = LZ4F_max64KB
        let bound = LZ4F_compressFrameBound(input.count, &preferences)
        guard LZ4F_isError(bound) == 0 else { throw .libraryFailure(codec: .lz4, detail: errorName(bound)) }
        var result = 0
        output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { pointer in
            result = LZ4F_compressFrame(
                pointer.baseAddress,
                pointer.count,
                input.baseAddress,
                input.count,
                &preferences
            )
            return LZ4F_isError(result) == 0 ? result : 0
        }
        guard LZ4F_isError(result) == 0 else { throw .libraryFailure(codec: .lz4, detail: errorName(result)) }
    }

    static func decompress(
        _ input: UnsafeRawBufferPointer,
        into output: inout ByteBuffer,
        limit: Int
    ) throws(CompressionError) {
        var context: OpaquePointer?
        let created = LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))
        guard LZ4F_isError(created) == 0, let context else {
            throw .libraryFailure(codec: .lz4, detail: errorName(created))
        }
        defer { LZ4F_freeDecompressionContext(context) }

        var sink = BoundedDecompressionOutput(codec: .lz4, limit: limit)
        var offset = 0
        var frameComplete = false
        while offset < input.count {
            var consumed = 0
            var hint = 0
            let written = try sink.append(to: &output, sizeHint: input.count * 4) { pointer in
                var produced = pointer.count
                consumed = input.count - offset
                hint = LZ4F_decompress(
                    context,
                    pointer.baseAddress,
                    &produced,
                    input.baseAddress! + offset,
                    &consumed,
                    nil
                )
                return LZ4F_isError(hint) == 0 ? produced : 0
            }
            guard LZ4F_isError(hint) == 0 else { throw .corruptInput(codec: .lz4, detail: errorName(hint)) }
            offset += consumed
            // A hint of 0 means a frame just ended; another may follow (the context starts afresh).
            frameComplete = hint == 0
            if consumed == 0 && written == 0 { throw .corruptInput(codec: .lz4, detail: "no progress") }
        }
        guard frameComplete else { throw .truncatedInput(codec: .lz4) }
    }

    private static func errorName(_ code: Int) -> String {
        guard let name = LZ4F_getErrorName(code) else { return "LZ4F error \(code)" }
        return String(cString: name)
    }
}
