/// The document around every Kibitz page: head, skip link, site header with the navigation and
/// the live-status badge. A page file holds only what is its own, after one directive line:
///
/// ```html
/// <!-- kibitz-page title="Chess dashboard" current="/chess/dashboard" stylesheet="/chess/static/css/chess.css" -->
/// <main class="page" id="main">…</main>
/// <script src="…"></script>
/// ```
///
/// `title` is required; `current` marks that navigation entry as the page the reader is on;
/// `stylesheet` adds the page's own style sheet after the shared one; `live="false"` leaves out the
/// live-status badge on a page without a live channel.
///
/// The navigation lists the home page and then every app's pages, in the order the apps run.
public struct PageChrome: Sendable {
    /// Why a page file cannot be rendered: a build that ships it is broken, so the message names the fix.
    public struct MalformedPage: Error, CustomStringConvertible {
        public var description: String
    }

    /// The site's navigation, in order: the home page, then the apps' pages.
    public let navigation: [(path: String, label: String)]

    public init(pages: [SitePage]) {
        navigation = [("/", "Home")] + pages.map { ($0.path, $0.label) }
    }

    /// The whole document for a page file's text.
    public func render(_ page: String) throws(MalformedPage) -> String {
        guard page.hasPrefix("<!-- kibitz-page "), let end = page.range(of: "-->") else {
            throw MalformedPage(description: "a page must start with <!-- kibitz-page title=\"…\" -->")
        }
        let attributes = Self.attributes(String(page[page.index(page.startIndex, offsetBy: 17)..<end.lowerBound]))
        guard let title = attributes["title"] else { throw MalformedPage(description: "the page has no title") }
        let body = page[end.upperBound...].drop { $0 == "\n" }
        let stylesheet = attributes["stylesheet"].map { "\n  <link rel=\"stylesheet\" href=\"\($0)\">" } ?? ""
        let badge =
            attributes["live"] == "false"
            ? ""
            : "\n    <span id=\"live-status\" class=\"live-status\" data-state=\"offline\" aria-live=\"off\">Offline</span>"
        let links = navigation.map { entry in
            let current = entry.path == attributes["current"] ? " aria-current=\"page\"" : ""
            return "      <a href=\"\(entry.path)\"\(current)>\(entry.label)</a>"
        }
        return """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>\(title)</title>
              <link rel="icon" href="/favicon.svg" type="image/svg+xml">
              <link rel="stylesheet" href="/css/kibitz.css">\(stylesheet)
            </head>
            <body>
              <a class="skip-link" href="#main">Skip to content</a>
              <header class="site-header">
                <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">K</span>Kibitz</a>
                <nav class="site-nav" aria-label="Main">
            \(links.joined(separator: "\n"))
                </nav>\(badge)
              </header>

            \(body)
            """
    }

    /// `name="value"` pairs; values hold no quotes.
    private static func attributes(_ text: String) -> [String: String] {
        var attributes: [String: String] = [:]
        for match in text.matches(of: /([a-z]+)="([^"]*)"/) {
            attributes[String(match.output.1)] = String(match.output.2)
        }
        return attributes
    }
}
