import Foundation
import Hummingbird

/// Reads request bodies as JSON with the events' conventions (snake_case keys): a body of at most the
/// context's `maxUploadSize` bytes, a missing body as `{}`, and every failure as an `APIError` that
/// names the field at fault as the body spells it.
public struct KibitzRequestDecoder: RequestDecoder {
    public init() {}

    public func decode<Body: Decodable>(
        _ type: Body.Type,
        from request: Request,
        context: some RequestContext
    ) async throws -> Body {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch {
            throw APIError(.contentTooLarge, "the body is larger than \(context.maxUploadSize) bytes")
        }
        let bytes = buffer.readableBytes == 0 ? Data("{}".utf8) : Data(buffer.readableBytesView)
        do {
            let decoder = JSONDecoder()
            // Bodies are small types without `CodingKeys` of their own: `player_name` fills `playerName`.
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Body.self, from: bytes)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw APIError(.badRequest, "the body is not valid JSON")
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty,
            DecodingError.valueNotFound(_, let context) where context.codingPath.isEmpty
        {
            throw APIError(.unprocessableContent, "the body must be a JSON object")
        } catch {
            throw APIError(.unprocessableContent, "the body is JSON, but \(describe(error))")
        }
    }

    /// Names the field a decoding error is about, as the body spells it.
    private func describe(_ error: any Error) -> String {
        // The decoder's keys are the converted names (`moveCount`); the client sent `move_count`.
        func field(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map(String.init) ?? snakeCase($0.stringValue) }.joined(separator: ".")
        }
        return switch error {
        case DecodingError.keyNotFound(let key, let context):
            "the field '\(field(context.codingPath + [key]))' is missing"
        case DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context):
            "the field '\(field(context.codingPath))' must be \(describe(type))"
        case DecodingError.dataCorrupted(let context): "the field '\(field(context.codingPath))' has an invalid value"
        default: "\(error)"
        }
    }

    private func snakeCase(_ key: String) -> String {
        key.reduce(into: "") { name, character in
            if character.isUppercase { name += "_" + character.lowercased() } else { name.append(character) }
        }
    }

    private func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        // Swift's own type names mean nothing to a client.
        default: "of another JSON type"
        }
    }
}
