import FastJSON
import Hummingbird

/// An API failure answered as `{"error": "reason"}` with its HTTP status.
public struct APIError: HTTPResponseError {
    public let status: HTTPResponse.Status
    public let message: String
    /// Headers the answer carries besides its body's, such as `Retry-After` or `Allow`.
    public let headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = KibitzResponseEncoder.response(
            try EventJSON.makeEncoder().encode(["error": message]),
            status: status
        )
        response.headers.append(contentsOf: headers)
        return response
    }
}
