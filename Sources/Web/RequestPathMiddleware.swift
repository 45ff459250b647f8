import Foundation
import Hummingbird

/// Refuses, with a JSON 400, a path that climbs out of its folder (`..`, spelled out or
/// percent-encoded, with `/` or `\`) or holds control characters such as NUL once decoded: no
/// route or file has one, and the file middleware would answer them with an empty 400 or a
/// redirect to a mangled `Location`.
struct RequestPathMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let path = request.uri.path.removingPercentEncoding else {
            throw APIError(.badRequest, "the path is not valid percent-encoding")
        }
        if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw APIError(.badRequest, "the path may not contain control characters")
        }
        if path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..") {
            throw APIError(.badRequest, "the path may not contain '..'")
        }
        return try await next(request, context)
    }
}
