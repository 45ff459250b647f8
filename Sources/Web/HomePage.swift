import Foundation
import Hummingbird

/// The site's home page: `Pages/home.html` in the chrome, with a card per app page where it says
/// `<!-- kibitz-app-cards -->`.
struct HomePage: Sendable {
    let chrome: PageChrome
    let pages: [SitePage]

    func render() throws -> HTMLPage {
        guard let url = Bundle.module.url(forResource: "home", withExtension: "html", subdirectory: "Pages") else {
            throw HTTPError(.notFound)
        }
        let page = try String(contentsOf: url, encoding: .utf8)
        return HTMLPage(
            document: try chrome.render(page.replacingOccurrences(of: "<!-- kibitz-app-cards -->", with: cards()))
        )
    }

    /// A card per app page: its icon, linked title, summary and topics.
    private func cards() -> String {
        pages.map { page in
            let names = page.topics.map { "<code>\($0)</code>" }.joined(separator: " ")
            // A page over any topic (SQL views) names none.
            let topics =
                page.topics.isEmpty
                ? "" : "\n            <span class=\"topics\">Topic\(page.topics.count == 1 ? "" : "s") \(names)</span>"
            return """
                      <article class="card app-card" role="listitem">
                        <h3><svg class="icon" aria-hidden="true" viewBox="0 0 24 24" width="26" height="26" fill="none" \
                stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">\(page.icon)</svg>\
                <a href="\(page.path)">\(page.title)</a></h3>
                        <p>\(page.summary)</p>\(topics)
                      </article>
                """
        }.joined(separator: "\n")
    }
}
