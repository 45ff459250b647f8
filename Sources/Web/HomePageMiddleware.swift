import Apps
import Foundation
import Hummingbird

/// Answers `GET /` with the home page when no route did: the shop answers `/` for API clients
/// and leaves browsers to this.
struct HomePageMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError
            where error.status == .notFound && request.method == .get && request.uri.path == "/"
        {
            guard let url = Bundle.module.url(forResource: "home", withExtension: "html", subdirectory: "Pages"),
                let page = try? String(contentsOf: url, encoding: .utf8)
            else { throw error }
            return AppPages.html(try PageChrome.render(page))
        }
    }
}
