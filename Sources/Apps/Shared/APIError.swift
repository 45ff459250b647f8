import Hummingbird

/// An API failure answered as `{"error": "reason"}` with its HTTP status.
public struct APIError: HTTPResponseError {
    public let status: HTTPResponse.Status
    public let message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try JSONResponse.make(["error": message], status: status)
    }
}
