import NIOCore

/// Builds response frames: size, the response header, then the body.
///
/// The header is the correlation id, followed in flexible versions by an empty tagged-field
/// section (header version 1); ApiVersions always answers with header version 0, so that a
/// client that does not yet know the broker's versions can read it (KIP-511).
public enum KafkaResponse {
    /// The frame answering the request with `correlationId`, its body encoded at `version`.
    public static func frame(correlationId: Int32, body: some KafkaMessage, version: Int16) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(256)
        writeFrame(correlationId: correlationId, body: body, version: version, into: &buffer)
        return buffer
    }

    /// Appends the frame to `buffer`, which may already hold earlier frames.
    public static func writeFrame(
        correlationId: Int32,
        body: some KafkaMessage,
        version: Int16,
        into buffer: inout ByteBuffer
    ) {
        let sizeIndex = buffer.writerIndex
        buffer.writeInteger(Int32(0))
        buffer.writeInteger(correlationId)
        if hasTaggedHeader(body, version: version) { buffer.writeUnsignedVarint(0) }
        body.encode(into: &buffer, version: version)
        buffer.setInteger(Int32(buffer.writerIndex - sizeIndex - 4), at: sizeIndex)
    }

    /// Whether the response header of `body` at `version` is version 1, with tagged fields.
    public static func hasTaggedHeader<Message: KafkaMessage>(_ body: Message, version: Int16) -> Bool {
        Message.apiKey != APIKey.apiVersions.rawValue && Message.isFlexible(version: version)
    }
}
