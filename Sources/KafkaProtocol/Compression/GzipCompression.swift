import Gzip
import NIOCore

/// Kafka's codec 1: a gzip stream (RFC 1952) of the records, through the shared zlib wrapper.
enum GzipCompression {
    static func compress(_ input: UnsafeRawBufferPointer, into output: inout ByteBuffer) throws(CompressionError) {
        let compressor: GzipCompressor
        do { compressor = try GzipCompressor() } catch { throw compressionError(error) }
        var failure: GzipError?
        output.writeWithUnsafeMutableBytes(
            minimumWritableBytes: compressor.maximumOutputSize(forInputCount: input.count)
        ) { pointer in
            do throws(GzipError) {
                return try compressor.compress(input, into: pointer)
            } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw compressionError(failure) }
    }

    static func decompress(
        _ input: UnsafeRawBufferPointer,
        into output: inout ByteBuffer,
        limit: Int
    ) throws(CompressionError) {
        let decompressor: GzipDecompressor
        do { decompressor = try GzipDecompressor(reading: input) } catch { throw compressionError(error) }
        var sink = BoundedDecompressionOutput(codec: .gzip, limit: limit)
        while !decompressor.isFinished {
            var failure: GzipError?
            _ = try sink.append(to: &output, sizeHint: input.count * 4) { pointer in
                do throws(GzipError) {
                    return try decompressor.decompress(into: pointer)
                } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw compressionError(failure) }
        }
    }

    /// The Kafka codec's view of a zlib failure.
    private static func compressionError(_ error: GzipError) -> CompressionError {
        switch error {
        case .corruptInput(let detail): .corruptInput(codec: .gzip, detail: detail)
        case .truncatedInput: .truncatedInput(codec: .gzip)
        case .libraryFailure(let detail): .libraryFailure(codec: .gzip, detail: detail)
        }
    }
}
