import NIOCore

extension CompressionCodec {
    /// Compresses the readable bytes of `input` and appends the result to `output`, in the framing
    /// Kafka clients expect for this codec (gzip; xerial-framed snappy; LZ4 frame; zstd frame).
    ///
    /// `.none` appends `input` unchanged.
    public func compress(_ input: ByteBuffer, into output: inout ByteBuffer) throws(CompressionError) {
        let start = output.writerIndex
        do {
            try input.withUnsafeReadableBytes { bytes throws(CompressionError) in
                switch self {
                case .none: output.writeBytes(bytes)
                case .gzip: try GzipCompression.compress(bytes, into: &output)
                case .snappy: try SnappyCompression.compress(bytes, into: &output)
                case .lz4: try LZ4Compression.compress(bytes, into: &output)
                case .zstd: try ZstdCompression.compress(bytes, into: &output)
                }
            }
        } catch {
            output.moveWriterIndex(to: start)
            throw error
        }
    }

    /// Decompresses the readable bytes of `input` and appends the result to `output`.
    ///
    /// Decompression stops with ``CompressionError/decompressedSizeLimitExceeded(codec:limit:)`` as
    /// soon as it would append more than `maximumDecompressedSize` bytes, so a small malicious
    /// input cannot exhaust memory. On error `output` is left as it was.
    public func decompress(
        _ input: ByteBuffer,
        into output: inout ByteBuffer,
        maximumDecompressedSize: Int
    ) throws(CompressionError) {
        let start = output.writerIndex
        let limit = Swift.max(0, maximumDecompressedSize)
        do {
            try input.withUnsafeReadableBytes { bytes throws(CompressionError) in
                switch self {
                case .none:
                    guard bytes.count <= limit else {
                        throw .decompressedSizeLimitExceeded(codec: self, limit: limit)
                    }
                    output.writeBytes(bytes)
                case .gzip: try GzipCompression.decompress(bytes, into: &output, limit: limit)
                case .snappy: try SnappyCompression.decompress(bytes, into: &output, limit: limit)
                case .lz4: try LZ4Compression.decompress(bytes, into: &output, limit: limit)
                case .zstd: try ZstdCompression.decompress(bytes, into: &output, limit: limit)
                }
            }
        } catch {
            output.moveWriterIndex(to: start)
            throw error
        }
    }

    /// Decompresses the readable bytes of `input` into a new buffer of at most
    /// `maximumDecompressedSize` bytes.
    public func decompress(
        _ input: ByteBuffer,
        maximumDecompressedSize: Int
    ) throws(CompressionError) -> ByteBuffer {
        var output = ByteBufferAllocator().buffer(
            capacity: Swift.min(Swift.max(input.readableBytes * 4, 256), Swift.max(maximumDecompressedSize, 0))
        )
        try decompress(input, into: &output, maximumDecompressedSize: maximumDecompressedSize)
        return output
    }
}

extension CompressionCodec: CustomStringConvertible {
    public var description: String {
        switch self {
        case .none: "none"
        case .gzip: "gzip"
        case .snappy: "snappy"
        case .lz4: "lz4"
        case .zstd: "zstd"
        }
    }
}
