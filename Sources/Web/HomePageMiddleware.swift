import Foundation
import Hummingbird

/// Answers `GET /` with the home page when no route did: the shop answers `/` for API clients
/// and leaves browsers to this. The page lists a card per app page where it says
/// `<!-- kibitz-app-cards -->`.
struct HomePageMiddleware<Context: RequestContext>: RouterMiddleware {
    let chrome: PageChrome
    let pages: [SitePage]

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
            let home = page.replacingOccurrences(of: "<!-- kibitz-app-cards -->", with: cards())
            return try HTMLPage(document: try chrome.render(home)).response(from: request, context: context)
        }
    }

    /// A card per app page: its icon, linked title, summary and topics.
    private func cards() -> String {
        pages.map { page in
            let topics = page.topics.map { "<code>\($0)</code>" }.joined(separator: " ")
            return """
                      <article class="card app-card" role="listitem">
                        <h3><svg class="icon" aria-hidden="true" viewBox="0 0 24 24" width="26" height="26" fill="none" \
                stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">\(page.icon)</svg>\
                <a href="\(page.path)">\(page.title)</a></h3>
                        <p>\(page.summary)</p>
                        <span class="topics">Topic\(page.topics.count == 1 ? "" : "s") \(topics)</span>
                      </article>
                """
        }.joined(separator: "\n")
    }
}
