import CZlib

/// Compresses one input into one whole gzip (RFC 1952) member through zlib: Kafka's gzip codec
/// and Parquet's `GZIP` pages both write exactly this.
public final class GzipCompressor {
    /// zlib's window bits: 15 (32 KiB window), plus 16 to write the gzip wrapper.
    private static let gzipWindowBits: Int32 = 15 + 16
    /// zlib's default memory level.
    private static let memoryLevel: Int32 = 8

    private let stream = ZlibStream()

    /// Sets zlib up at its default compression level.
    public init() throws(GzipError) {
        let status = deflateInit2_(
            stream.pointer,
            Z_DEFAULT_COMPRESSION,
            Z_DEFLATED,
            Self.gzipWindowBits,
            Self.memoryLevel,
            Z_DEFAULT_STRATEGY,
            zlibVersion(),
            Int32(MemoryLayout<z_stream>.size)
        )
        guard status == Z_OK else { throw .libraryFailure(detail: stream.message(for: status)) }
    }

    deinit {
        deflateEnd(stream.pointer)
    }

    /// The most bytes `compress` can write for an input of `count` bytes.
    public func maximumOutputSize(forInputCount count: Int) -> Int {
        Int(deflateBound(stream.pointer, uLong(count)))
    }

    /// Compresses `input` into `output`, which must hold `maximumOutputSize(forInputCount:)` bytes,
    /// and returns how many bytes it wrote. A compressor compresses one input only.
    public func compress(
        _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) throws(GzipError) -> Int {
        guard input.count <= Int(UInt32.max) else {
            throw .libraryFailure(detail: "input of \(input.count) bytes is too large")
        }
        guard output.count >= maximumOutputSize(forInputCount: input.count) else {
            throw .libraryFailure(detail: "output room of \(output.count) bytes is below zlib's bound")
        }
        stream.setInput(input)
        stream.pointer.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointer.pointee.avail_out = uInt(Swift.min(output.count, Int(UInt32.max)))
        // deflateBound guarantees room for the whole stream, so one call finishes it.
        let status = deflate(stream.pointer, Z_FINISH)
        guard status == Z_STREAM_END else { throw .libraryFailure(detail: stream.message(for: status)) }
        return Int(stream.pointer.pointee.total_out)
    }

    /// `input` as one whole gzip member.
    public static func compress(_ input: [UInt8]) throws(GzipError) -> [UInt8] {
        let compressor = try GzipCompressor()
        var output = [UInt8](repeating: 0, count: compressor.maximumOutputSize(forInputCount: input.count))
        // The array methods rethrow untyped errors, so the typed one travels in a Result.
        let written = try input.withUnsafeBytes { inputBytes in
            output.withUnsafeMutableBytes { outputBytes in
                Result { () throws(GzipError) in try compressor.compress(inputBytes, into: outputBytes) }
            }
        }.get()
        output.removeSubrange(written...)
        return output
    }
}
