import Hummingbird
import HummingbirdTesting
import Testing

/// Every failure becomes an answer in one place: its status, and `{"error": ...}` for API clients or
/// the site's page for browsers.
@Suite struct ErrorAnswerTests {
    @Test func answersAnAppsFailureWithItsStatusAndDescription() async throws {
        try await TestSite.application().test(.router) { client in
            let answer = try await client.execute(uri: "/api/test/game-over", method: .get)
            #expect(answer.status == .conflict)
            #expect(String(buffer: answer.body) == #"{"error":"the game is over"}"#)
            #expect(answer.headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test func answersAnUnexpectedErrorWith500WithoutItsDetails() async throws {
        try await TestSite.application().test(.router) { client in
            let answer = try await client.execute(uri: "/api/test/secret", method: .get)
            #expect(answer.status == .internalServerError)
            #expect(String(buffer: answer.body) == #"{"error":"internal error; the server log has the details"}"#)
        }
    }

    @Test func answersAFullDiskWith507() async throws {
        try await TestSite.application().test(.router) { client in
            let answer = try await client.execute(uri: "/api/test/full-disk", method: .get)
            #expect(answer.status.code == 507)
            #expect(
                String(buffer: answer.body)
                    == #"{"error":"the disk is full: nothing was stored; try again once space is freed"}"#
            )
        }
    }

    @Test func answersAMissingAPIPathWithJSONEvenToABrowser() async throws {
        try await TestSite.application().test(.router) { client in
            for accept in ["application/json", "text/html"] {
                let answer = try await client.execute(
                    uri: "/api/test/nothing",
                    method: .get,
                    headers: [.accept: accept]
                )
                #expect(answer.status == .notFound)
                #expect(answer.headers[.contentType] == "application/json; charset=utf-8", "Accept: \(accept)")
                #expect(String(buffer: answer.body) == #"{"error":"nothing at /api/test/nothing"}"#)
            }
        }
    }

    @Test func answersAMissingPageWithTheSitesPageToABrowserAndJSONToOthers() async throws {
        try await TestSite.application().test(.router) { client in
            let page = try await client.execute(uri: "/nowhere", method: .get, headers: [.accept: "text/html"])
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: page.body)
            #expect(html.hasPrefix("<!doctype html>"))
            #expect(html.contains(#"<a href="/first">First</a>"#), "the page has the site's navigation")
            let json = try await client.execute(uri: "/nowhere", method: .get)
            #expect(json.status == .notFound)
            #expect(String(buffer: json.body) == #"{"error":"nothing at /nowhere"}"#)
        }
    }

    @Test func answersAKnownPathAskedWithAnotherMethodWith405AndAllow() async throws {
        try await TestSite.application().test(.router) { client in
            let answer = try await client.execute(uri: "/api/test/score", method: .delete)
            #expect(answer.status == .methodNotAllowed)
            // HEAD is answered wherever GET is, so Allow names it too.
            #expect(answer.headers[.allow] == "GET, HEAD")
            #expect(String(buffer: answer.body) == #"{"error":"/api/test/score answers GET, HEAD, not DELETE"}"#)
        }
    }
}
