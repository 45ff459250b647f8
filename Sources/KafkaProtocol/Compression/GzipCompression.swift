import CZlib
import NIOCore

/// Gzip through zlib: what Kafka calls codec 1 is a gzip stream (RFC 1952) of the records.
enum GzipCompression {
    /// zlib's window bits: 15 (32 KiB window), plus 16 to write a gzip wrapper.
    private static let gzipWindowBits: Int32 = 15 + 16
    /// zlib's window bits: 15, plus 32 to accept both gzip and zlib wrappers when reading.
    private static let automaticWindowBits: Int32 = 15 + 32

    static func compress(_ input: UnsafeRawBufferPointer, into output: inout ByteBuffer) throws(CompressionError) {
        guard input.count <= Int(UInt32.max) else {
            throw .libraryFailure(codec: .gzip, detail: "input of \(input.count) bytes is too large")
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let status = deflateInit2_(
            stream,
            Z_DEFAULT_COMPRESSION,
            Z_DEFLATED,
            gzipWindowBits,
            8,
            Z_DEFAULT_STRATEGY,
            zlibVersion(),
            Int32(MemoryLayout<z_stream>.size)
        )
        guard status == Z_OK else { throw .libraryFailure(codec: .gzip, detail: message(stream, status)) }
        defer { deflateEnd(stream) }

        let bound = Int(deflateBound(stream, uLong(input.count)))
        stream.pointee.next_in = UnsafeMutablePointer(
            mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        )
        stream.pointee.avail_in = uInt(input.count)
        var result = Z_OK
        output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { pointer in
            stream.pointee.next_out = pointer.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(Swift.min(pointer.count, Int(UInt32.max)))
            result = deflate(stream, Z_FINISH)
            return Int(stream.pointee.total_out)
        }
        guard result == Z_STREAM_END else { throw .libraryFailure(codec: .gzip, detail: message(stream, result)) }
    }

    static func decompress(
        _ input: UnsafeRawBufferPointer,
        into output: inout ByteBuffer,
        limit: Int
    ) throws(CompressionError) {
        guard input.count <= Int(UInt32.max) else {
            throw .corruptInput(codec: .gzip, detail: "input of \(input.count) bytes is too large")
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let initStatus = inflateInit2_(
            stream,
            automaticWindowBits,
            zlibVersion(),
            Int32(MemoryLayout<z_stream>.size)
        )
        guard initStatus == Z_OK else {
            throw .libraryFailure(codec: .gzip, detail: message(stream, initStatus))
        }
        defer { inflateEnd(stream) }

        stream.pointee.next_in = UnsafeMutablePointer(
            mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        )
        stream.pointee.avail_in = uInt(input.count)
        var sink = BoundedDecompressionOutput(codec: .gzip, limit: limit)
        while true {
            var status = Z_OK
            let inputBefore = stream.pointee.avail_in
            let written = try sink.append(to: &output, sizeHint: input.count * 4) { pointer in
                stream.pointee.next_out = pointer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(pointer.count)
                status = inflate(stream, Z_NO_FLUSH)
                return pointer.count - Int(stream.pointee.avail_out)
            }
            switch status {
            case Z_STREAM_END:
                // Java and some tools may write several gzip members back to back; read them all.
                let remaining = Int(stream.pointee.avail_in)
                guard remaining >= 2, let next = stream.pointee.next_in, next[0] == 0x1F, next[1] == 0x8B else {
                    return
                }
                guard inflateReset(stream) == Z_OK else {
                    throw .libraryFailure(codec: .gzip, detail: "could not reset the stream")
                }
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress was possible: with input left, output room was the problem (retry);
                // with none left, the stream ended early.
                if stream.pointee.avail_in == 0 || (written == 0 && inputBefore == stream.pointee.avail_in) {
                    throw .truncatedInput(codec: .gzip)
                }
            default:
                throw .corruptInput(codec: .gzip, detail: message(stream, status))
            }
        }
    }

    private static func message(_ stream: UnsafeMutablePointer<z_stream>, _ status: Int32) -> String {
        if let text = stream.pointee.msg { return String(cString: text) }
        return "zlib status \(status)"
    }
}
