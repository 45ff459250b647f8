import Testing
import Web

/// Every page gets the same head and navigation, with its own entry marked.
@Suite struct PageChromeTests {
    static let chrome = PageChrome(
        pages: [
            SitePage(path: "/chess", label: "Chess", title: "Chess", summary: "", topics: ["games"], icon: ""),
            SitePage(path: "/arena", label: "Arena", title: "Arena", summary: "", topics: ["lobby"], icon: ""),
        ]
    )

    @Test func wrapsAPageAndMarksItsNavigationEntry() throws {
        let document = try Self.chrome.render(
            """
            <!-- kibitz-page title="Arena — Kibitz" current="/arena" stylesheet="/arena/static/css/arena.css" -->
            <main id="main">hello</main>
            """
        )
        #expect(document.hasPrefix("<!doctype html>"))
        #expect(document.contains("<title>Arena — Kibitz</title>"))
        #expect(document.contains(#"<link rel="stylesheet" href="/arena/static/css/arena.css">"#))
        #expect(document.contains(#"<a href="/arena" aria-current="page">Arena</a>"#))
        #expect(document.components(separatedBy: "aria-current").count == 2)
        #expect(document.contains(#"id="live-status""#))
        #expect(document.hasSuffix(#"<main id="main">hello</main>"#))
        for entry in Self.chrome.navigation { #expect(document.contains(#"<a href="\#(entry.path)""#)) }
    }

    @Test func leavesOutTheBadgeWhenAsked() throws {
        let document = try Self.chrome.render(#"<!-- kibitz-page title="Home" current="/" live="false" -->"#)
        #expect(!document.contains("live-status"))
    }

    @Test func refusesAPageWithoutItsDirectiveOrTitle() {
        #expect(throws: PageChrome.MalformedPage.self) { try Self.chrome.render("<main></main>") }
        #expect(throws: PageChrome.MalformedPage.self) { try Self.chrome.render(#"<!-- kibitz-page current="/" -->"#) }
    }
}
