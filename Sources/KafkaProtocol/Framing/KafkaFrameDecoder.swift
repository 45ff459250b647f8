import NIOCore

/// Splits a byte stream into Kafka frames: a big-endian Int32 size, then that many bytes.
///
/// A negative size or one above `maximumFrameSize` is an error, so a hostile or confused peer
/// cannot make the broker buffer without bound; the connection is then closed by the caller.
public struct KafkaFrameDecoder: NIOSingleStepByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    /// The largest frame accepted, in bytes (Kafka's `socket.request.max.bytes` is 100 MiB).
    public let maximumFrameSize: Int

    public init(maximumFrameSize: Int = 100 * 1024 * 1024) {
        self.maximumFrameSize = maximumFrameSize
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> ByteBuffer? {
        guard let size = buffer.getInteger(at: buffer.readerIndex, as: Int32.self) else { return nil }
        guard size >= 0, Int(size) <= maximumFrameSize else {
            throw KafkaProtocolError.frameTooLarge(size: Int(size), maximum: maximumFrameSize)
        }
        guard buffer.readableBytes >= 4 + Int(size) else { return nil }
        buffer.moveReaderIndex(forwardBy: 4)
        return buffer.readSlice(length: Int(size))
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> ByteBuffer? {
        try decode(buffer: &buffer)
    }
}
