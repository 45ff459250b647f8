import NIOCore

/// A decoded request: the header and the body of whichever API it calls.
public struct KafkaRequest: Sendable {
    public var header: RequestHeader
    public var body: Body

    public init(header: RequestHeader, body: Body) {
        self.header = header
        self.body = body
    }

    /// The API this request calls.
    public var apiKey: APIKey { body.apiKey }

    /// Reads a whole request frame (without its size prefix).
    ///
    /// `acceptedVersions` says which versions of an API the reader serves (nil: not served),
    /// within those Kafka defines. Throws `KafkaProtocolError.unknownAPIKey` or
    /// `.unsupportedVersion` with the header already read, so that the caller can still answer
    /// with the right correlation id.
    public static func decode(
        frame: ByteBuffer,
        acceptedVersions: (APIKey) -> ClosedRange<Int16>? = { $0.validVersions }
    ) throws -> KafkaRequest {
        var buffer = frame
        let header = try RequestHeader.decode(from: &buffer)
        guard let apiKey = APIKey(rawValue: header.apiKey), let accepted = acceptedVersions(apiKey) else {
            throw KafkaProtocolError.unknownAPIKey(header.apiKey)
        }
        guard accepted.contains(header.apiVersion), apiKey.validVersions.contains(header.apiVersion) else {
            throw KafkaProtocolError.unsupportedVersion(apiKey: header.apiKey, version: header.apiVersion)
        }
        let body = try Body.decode(apiKey: apiKey, version: header.apiVersion, from: &buffer)
        return KafkaRequest(header: header, body: body)
    }

    /// The frame of this request, size prefix included, as a client sends it.
    public func encodeFrame() -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(0))
        header.encode(into: &buffer)
        body.message.encode(into: &buffer, version: header.apiVersion)
        buffer.setInteger(Int32(buffer.readableBytes - 4), at: 0)
        return buffer
    }
}
