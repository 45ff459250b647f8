import Foundation
import Hummingbird

/// JSON request and response bodies with the event conventions (snake_case), independent of the
/// request context's own coders.
public enum JSONResponse {
    /// Largest JSON body accepted by the apps' APIs.
    public static let maximumBodySize = 16 * 1024

    public static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try EventJSON.makeEncoder().encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// Decodes a body of at most `maximumBodySize` bytes; a missing body decodes as `{}`.
    public static func decode<Body: Decodable>(_ type: Body.Type, from request: Request) async throws -> Body {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBodySize)
        } catch {
            throw APIError(.contentTooLarge, "the body is larger than \(maximumBodySize) bytes")
        }
        let bytes = buffer.readableBytes == 0 ? Data("{}".utf8) : Data(buffer.readableBytesView)
        do {
            return try EventJSON.makeDecoder().decode(Body.self, from: bytes)
        } catch {
            throw APIError(.badRequest, "the body is not the JSON this endpoint expects: \(describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted: "malformed JSON"
        default: "\(error)"
        }
    }
}
