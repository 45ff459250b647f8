import Hummingbird

/// A whole HTML document, answered uncached so that a new build is seen at once.
public struct HTMLPage: ResponseGenerator, Sendable {
    public var document: String
    public var status: HTTPResponse.Status

    public init(document: String, status: HTTPResponse.Status = .ok) {
        self.document = document
        self.status = status
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: document))
        )
    }
}
