import Hummingbird

/// Keeps HEAD safe (RFC 9110 §9.2.1): the router answers HEAD as GET, so on a GET that changes
/// state (the shop's purchases) a HEAD would change it too; it is refused with 405 instead, and a
/// monitor or link checker buys nothing.
struct SafeHeadMiddleware<Context: RequestContext>: RouterMiddleware {
    let stateChangingGetPaths: Set<String>
    let routes: RouteTable

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .head, stateChangingGetPaths.contains(request.uri.path) else {
            return try await next(request, context)
        }
        let allowed = routes.methods(at: request.uri.path).map(\.rawValue).sorted().joined(separator: ", ")
        throw APIError(
            .methodNotAllowed,
            "\(request.uri.path) changes state, so it answers \(allowed) but not HEAD",
            headers: [.allow: allowed]
        )
    }
}
