import NIOCore

/// Builds response frames: size, correlation id (response header version 0), then the body.
public enum KafkaResponse {
    /// The frame answering the request with `correlationId`, its body encoded at `version`.
    public static func frame(correlationId: Int32, body: some KafkaCodable, version: Int16) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(256)
        writeFrame(correlationId: correlationId, body: body, version: version, into: &buffer)
        return buffer
    }

    /// Appends the frame to `buffer`, which may already hold earlier frames.
    public static func writeFrame(
        correlationId: Int32,
        body: some KafkaCodable,
        version: Int16,
        into buffer: inout ByteBuffer
    ) {
        let sizeIndex = buffer.writerIndex
        buffer.writeInteger(Int32(0))
        buffer.writeInteger(correlationId)
        body.encode(into: &buffer, version: version)
        buffer.setInteger(Int32(buffer.writerIndex - sizeIndex - 4), at: sizeIndex)
    }
}
