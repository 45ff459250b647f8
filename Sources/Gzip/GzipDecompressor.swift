import CZlib

/// Decompresses a gzip stream through zlib, step by step into room its caller grants, so that the
/// caller can bound the output. Reads every member of a stream of several gzip members back to
/// back (Java and some tools write them) and accepts a zlib wrapper too.
public final class GzipDecompressor {
    /// zlib's window bits: 15, plus 32 to accept both gzip and zlib wrappers.
    private static let automaticWindowBits: Int32 = 15 + 32

    private let stream = ZlibStream()
    /// Whether the whole stream has been read; no step is needed after that.
    public private(set) var isFinished = false

    /// Sets zlib up to read `input`, which must stay valid while this decompressor is used.
    public init(reading input: UnsafeRawBufferPointer) throws(GzipError) {
        guard input.count <= Int(UInt32.max) else {
            throw .corruptInput(detail: "input of \(input.count) bytes is too large")
        }
        let status = inflateInit2_(
            stream.pointer,
            Self.automaticWindowBits,
            zlibVersion(),
            Int32(MemoryLayout<z_stream>.size)
        )
        guard status == Z_OK else { throw .libraryFailure(detail: stream.message(for: status)) }
        stream.setInput(input)
    }

    deinit {
        inflateEnd(stream.pointer)
    }

    /// Decompresses as much as fits into `output` (at least one byte of room) and returns how many
    /// bytes it wrote; call again until `isFinished`.
    public func decompress(into output: UnsafeMutableRawBufferPointer) throws(GzipError) -> Int {
        let inputBefore = stream.pointer.pointee.avail_in
        stream.pointer.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointer.pointee.avail_out = uInt(Swift.min(output.count, Int(UInt32.max)))
        let status = inflate(stream.pointer, Z_NO_FLUSH)
        let written = output.count - Int(stream.pointer.pointee.avail_out)
        switch status {
        case Z_STREAM_END:
            let remaining = Int(stream.pointer.pointee.avail_in)
            guard remaining >= 2, let next = stream.pointer.pointee.next_in, next[0] == 0x1F, next[1] == 0x8B else {
                isFinished = true
                return written
            }
            guard inflateReset(stream.pointer) == Z_OK else {
                throw .libraryFailure(detail: "could not reset the stream")
            }
        case Z_OK:
            break
        case Z_BUF_ERROR:
            // No progress was possible: with input left, output room was the problem (the caller
            // grants more); with none left, the stream ended early.
            if stream.pointer.pointee.avail_in == 0 || (written == 0 && inputBefore == stream.pointer.pointee.avail_in)
            {
                throw .truncatedInput
            }
        default:
            throw .corruptInput(detail: stream.message(for: status))
        }
        return written
    }
}
