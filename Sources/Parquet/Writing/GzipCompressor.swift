import CZlib

/// Gzip (RFC 1952) through zlib, Parquet's `GZIP` codec: each page body is one whole gzip stream.
enum GzipCompressor {
    /// zlib's window bits: 15 (32 KiB window), plus 16 to write the gzip wrapper that Parquet expects.
    private static let gzipWindowBits: Int32 = 15 + 16
    /// zlib's default memory level.
    private static let memoryLevel: Int32 = 8

    static func compress(_ input: [UInt8]) throws(ParquetError) -> [UInt8] {
        guard input.count <= Int(UInt32.max) else {
            throw .compressionFailed("input of \(input.count) bytes is too large")
        }
        // zlib keeps a pointer back to the z_stream and checks it on every call, so the stream needs an
        // address that stays put, which a Swift local passed inout does not promise.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let initialization = deflateInit2_(
            stream,
            Z_DEFAULT_COMPRESSION,
            Z_DEFLATED,
            gzipWindowBits,
            memoryLevel,
            Z_DEFAULT_STRATEGY,
            zlibVersion(),
            Int32(MemoryLayout<z_stream>.size)
        )
        guard initialization == Z_OK else { throw .compressionFailed("deflateInit2 returned \(initialization)") }
        defer { deflateEnd(stream) }

        let bound = Int(deflateBound(stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let status = input.withUnsafeBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                // zlib never writes through next_in; the mutable pointer is its C signature only.
                stream.pointee.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
                stream.pointee.avail_in = uInt(inputBuffer.count)
                stream.pointee.next_out = outputBuffer.baseAddress
                stream.pointee.avail_out = uInt(outputBuffer.count)
                // deflateBound guarantees room for the whole stream, so one call finishes it.
                return deflate(stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw .compressionFailed("deflate returned \(status)") }
        output.removeSubrange(Int(stream.pointee.total_out)...)
        return output
    }
}
