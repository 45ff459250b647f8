import NIOCore

/// Appends decompressed bytes to a buffer in growing steps, never letting the total pass a limit.
///
/// Each step is offered room for one byte more than the limit allows, so that a stream producing
/// too much is caught as soon as it passes the limit rather than when it happens to end there.
struct BoundedDecompressionOutput {
    let codec: CompressionCodec
    let limit: Int
    /// Bytes appended so far.
    private(set) var produced = 0

    init(codec: CompressionCodec, limit: Int) {
        self.codec = codec
        self.limit = limit
    }

    /// Offers `step` writable room (at least one byte, about `sizeHint` when that fits the limit) and
    /// appends what it wrote; returns that count.
    mutating func append(
        to buffer: inout ByteBuffer,
        sizeHint: Int,
        _ step: (UnsafeMutableRawBufferPointer) -> Int
    ) throws(CompressionError) -> Int {
        let wanted = Swift.max(sizeHint, produced, 16 * 1024)
        let allowed = limit - produced
        let room = allowed >= wanted ? wanted : allowed + 1
        let written = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { pointer in
            step(UnsafeMutableRawBufferPointer(rebasing: pointer[0..<room]))
        }
        produced += written
        guard produced <= limit else { throw .decompressedSizeLimitExceeded(codec: codec, limit: limit) }
        return written
    }
}
