import Hummingbird
import HummingbirdTesting
import Testing

/// The routes every site has whatever its apps: the home page (unless an app answers `/`), the
/// health check, and HEAD answered as GET.
@Suite struct SiteRoutesTests {
    @Test func answersTheRootWithTheHomePageAndACardPerSitePage() async throws {
        try await TestSite.application().test(.router) { client in
            let answer = try await client.execute(uri: "/", method: .get, headers: [.accept: "text/html"])
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: answer.body)
            #expect(html.components(separatedBy: #"class="card app-card""#).count == 3, "a card per page, no more")
            for page in TestSite().sitePages {
                #expect(html.contains(#"<a href="\#(page.path)">\#(page.title)</a>"#), "a card for \(page.path)")
                #expect(html.contains("<code>\(page.topics[0])</code>"), "the card names \(page.path)'s topic")
            }
        }
    }

    @Test func answersTheRootWithAnAppsAnswerWhenItHasOne() async throws {
        try await TestSite.application().test(.router) { client in
            let answer = try await client.execute(uri: "/?player=ada", method: .get, headers: [.accept: "text/html"])
            #expect(answer.status == .ok)
            #expect(String(buffer: answer.body) == "hello ada")
        }
    }

    @Test func answersHealth() async throws {
        try await TestSite.application().test(.router) { client in
            let answer = try await client.execute(uri: "/health", method: .get)
            #expect(answer.status == .ok)
            #expect(String(buffer: answer.body) == "ok")
        }
    }

    @Test func answersHeadAsGetWithoutTheBody() async throws {
        try await TestSite.application().test(.router) { client in
            for path in ["/api/test/score", "/", "/health"] {
                let get = try await client.execute(uri: path, method: .get)
                let head = try await client.execute(uri: path, method: .head)
                #expect(get.status == .ok, "GET \(path)")
                #expect(head.status == .ok, "HEAD \(path)")
                #expect(get.body.readableBytes > 0, "GET \(path) has a body")
                #expect(head.body.readableBytes == 0, "HEAD \(path) has none")
            }
        }
    }
}
