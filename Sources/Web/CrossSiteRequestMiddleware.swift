import Foundation
import HTTPTypes
import Hummingbird

/// Refuses what another site's page, or a DNS-rebound name, could make a browser send: more than
/// one `Host` (400), a foreign `Host` (421), a foreign `Origin` (403, WebSocket upgrades included), a state-changing GET not
/// from this server's own pages (403), and bodies that are not JSON on state-changing methods
/// (415), since HTML forms can post text and form bodies across sites without asking.
struct CrossSiteRequestMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: RequestOriginPolicy
    /// GET paths that change state (the shop's seed-1 purchase endpoints).
    let stateChangingGetPaths: Set<String>

    private static var secFetchSite: HTTPField.Name { HTTPField.Name("Sec-Fetch-Site")! }
    /// A `Host` header after the first, which NIO leaves among the fields (the first becomes the authority).
    private static var host: HTTPField.Name { HTTPField.Name("Host")! }
    private static var stateChangingMethods: Set<HTTPRequest.Method> { [.post, .put, .patch, .delete] }

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        try check(request)
        return try await next(request, context)
    }

    private func check(_ request: Request) throws(APIError) {
        // RFC 9112 section 3.2: a request with more than one Host gets 400; which would be obeyed is unclear.
        if request.headers[Self.host] != nil {
            throw APIError(.badRequest, "a request may carry only one Host header")
        }
        let host = request.head.authority
        if let host, !policy.allowsHost(host) {
            throw APIError(
                .misdirectedRequest,
                "this server does not answer for host '\(host)'; start it with --allowed-host to allow a name"
            )
        }
        if let origin = request.headers[.origin], !policy.allowsOrigin(origin, requestHost: host) {
            throw APIError(
                .forbidden,
                "requests from origin '\(origin)' are refused; start the server with --allowed-origin to allow one"
            )
        }
        let fetchSite = request.headers[Self.secFetchSite]?.lowercased()
        let isStateChanging = Self.stateChangingMethods.contains(request.method)
        if isStateChanging || stateChangingGetPaths.contains(request.uri.path),
            let fetchSite, fetchSite != "same-origin", fetchSite != "none"
        {
            throw APIError(.forbidden, "a \(fetchSite) request may not change anything here")
        }
        if isStateChanging, Self.hasBody(request), !Self.isJSON(request.headers[.contentType]) {
            throw APIError(
                .unsupportedMediaType,
                "send the body as JSON with 'Content-Type: application/json'"
            )
        }
    }

    private static func hasBody(_ request: Request) -> Bool {
        if request.headers[.transferEncoding] != nil { return true }
        return (request.headers[.contentLength].flatMap { Int($0) } ?? 0) > 0
    }

    /// `application/json`, with parameters such as a charset allowed.
    private static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }
}
