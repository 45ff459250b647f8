import FastJSON
import Foundation
import Hummingbird

/// Writes the values routes return as JSON with the events' conventions (snake_case keys, sorted),
/// uncached: every API answer is live data.
public struct KibitzResponseEncoder: ResponseEncoder {
    public init() {}

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response
    {
        Self.response(try EventJSON.makeEncoder().encode(value), status: .ok)
    }

    /// A JSON answer of already encoded bytes.
    static func response(_ data: Data, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
