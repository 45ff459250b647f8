import Hummingbird

/// Gives each request the configured body limit as its context's `maxUploadSize`, which
/// `KibitzRequestDecoder` reads.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = KibitzRequestContext
    let maximumBodyBytes: Int

    func handle(
        _ request: Request,
        context: KibitzRequestContext,
        next: (Request, KibitzRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.maxUploadSize = maximumBodyBytes
        return try await next(request, context)
    }
}
