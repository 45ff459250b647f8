import FastJSON
import Hummingbird
import SQL
import Web

/// A refused SQL statement as the API answers it: 400 with `{"error", "kind", "line", "column"}`
/// (404 for a view or job that does not exist).
struct SQLRequestError: HTTPResponseError, APIFailure {
    let error: SQLError
    let status: HTTPResponse.Status

    init(_ error: SQLError, status: HTTPResponse.Status = .badRequest) {
        self.error = error
        self.status = status
    }

    var description: String { error.description }

    private struct Body: Encodable {
        var error: String
        var kind: String
        var line: Int?
        var column: Int?
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(
            error: error.message,
            kind: error.kind.rawValue,
            line: error.location?.line,
            column: error.location?.column
        )
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: try EventJSON.makeEncoder().encode(body)))
        )
    }
}
