import NIOCore

/// The header in front of every request (header version 1: the non-flexible form).
///
/// A flexible request (header version 2) starts with the same four fields; the broker reads those
/// to answer an ApiVersions request of a version it does not support, as Kafka's handshake expects.
public struct RequestHeader: Hashable, Sendable {
    public var apiKey: Int16
    public var apiVersion: Int16
    public var correlationId: Int32
    public var clientId: String?

    public init(apiKey: Int16, apiVersion: Int16, correlationId: Int32, clientId: String?) {
        self.apiKey = apiKey
        self.apiVersion = apiVersion
        self.correlationId = correlationId
        self.clientId = clientId
    }

    /// Whether the header is version 2, which adds tagged fields: so are the flexible versions' headers.
    public var isFlexible: Bool {
        guard let first = APIKey(rawValue: apiKey)?.firstFlexibleVersion else { return false }
        return apiVersion >= first
    }

    /// Reads the header from the start of a request frame, leaving the body in `buffer`.
    public static func decode(from buffer: inout ByteBuffer) throws -> RequestHeader {
        var decoder = KafkaDecoder(buffer: buffer, version: 1)
        var header = RequestHeader(apiKey: 0, apiVersion: 0, correlationId: 0, clientId: nil)
        try decoder.code(&header.apiKey, "api_key")
        try decoder.code(&header.apiVersion, "api_version")
        try decoder.code(&header.correlationId, "correlation_id")
        try decoder.code(&header.clientId, "client_id")
        if header.isFlexible { try decoder.codeTaggedFields() }
        buffer = decoder.buffer
        return header
    }

    /// Appends the header to `buffer`.
    public func encode(into buffer: inout ByteBuffer) {
        var encoder = KafkaEncoder(buffer: buffer, version: 1)
        var copy = self
        encoder.code(&copy.apiKey, "api_key")
        encoder.code(&copy.apiVersion, "api_version")
        encoder.code(&copy.correlationId, "correlation_id")
        encoder.code(&copy.clientId, "client_id")
        if isFlexible { encoder.buffer.writeUnsignedVarint(0) }
        buffer = encoder.buffer
    }
}
