import EventLog
import Foundation
import Hummingbird
import Logging

/// The one place where failures become answers: a path no route has is a JSON 404 for the API and
/// for clients that want JSON, the site's HTML 404 page for browsers; a known path asked with
/// another method is 405 with `Allow`; an error no route answered becomes a JSON 507, 503 or 500
/// (see `APIError(unexpected:)`), never an empty body.
struct ErrorAnswerMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The routes' paths and methods, known once every app has added its routes.
    let routes: RouteTable
    /// GET paths that change state, which answer no HEAD (see `SafeHeadMiddleware`).
    let stateChangingGetPaths: Set<String>
    let chrome: PageChrome
    let logger: Logger
    /// A failure that repeats (a full disk under every request) is logged once per interval.
    let failureWarnings = LogRateLimiter(interval: .seconds(10))

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return try notFound(request, context: context)
        } catch let error as HTTPError {
            // Hummingbird's own errors answer with an empty body, or another JSON shape than ours.
            throw APIError(error.status, error.body ?? error.status.reasonPhrase.lowercased(), headers: error.headers)
        } catch let error as any HTTPResponseError {
            throw error
        } catch let failure as any APIFailure {
            throw APIError(failure.status, failure.description)
        } catch {
            failureWarnings.log(
                "request failed",
                level: .error,
                kind: "\(error)",
                metadata: ["method": "\(request.method)", "path": "\(request.uri.path)", "error": "\(error)"],
                to: logger
            )
            throw APIError(unexpected: error)
        }
    }

    private func notFound(_ request: Request, context: Context) throws -> Response {
        let path = request.uri.path
        var methods = routes.methods(at: path)
        // The router answers HEAD wherever it answers GET, but for GETs that change state.
        if methods.contains(.get), !stateChangingGetPaths.contains(path) { methods.insert(.head) }
        // A route of this method that found nothing (a missing file) is a plain 404.
        if !methods.isEmpty, !methods.contains(request.method) {
            let allowed = methods.map(\.rawValue).sorted()
            throw APIError(
                .methodNotAllowed,
                "\(path) answers \(allowed.joined(separator: ", ")), not \(request.method)",
                headers: [.allow: allowed.joined(separator: ", ")]
            )
        }
        let wantsPage = (request.headers[.accept] ?? "").contains("text/html")
        guard wantsPage, !path.hasPrefix("/api/"),
            let url = Bundle.module.url(forResource: "not-found", withExtension: "html", subdirectory: "Pages")
        else { throw APIError(.notFound, "nothing at \(path)") }
        let page = HTMLPage(
            document: try chrome.render(try String(contentsOf: url, encoding: .utf8)),
            status: .notFound
        )
        return try page.response(from: request, context: context)
    }
}
