import Apps
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Web

/// Every app's pages, as `kibitz serve` mounts them: each page of the navigation renders, and every
/// style sheet and script it names is served.
@Suite struct SitePagesTests {
    @Test func everyPageAndEveryFileItNamesIsServed() async throws {
        let test = try AppTestEnvironment()
        defer { test.close() }
        // Every app `kibitz serve` runs, built as it builds them.
        let apps = try await KibitzApps.make(test.environment, options: try AppOptions.parse([]))
        let application = Application(router: try test.router(apps))
        try await application.test(.router) { client in
            for page in apps.flatMap(\.sitePages) {
                let response = try await client.execute(uri: page.path, method: .get, headers: [.accept: "text/html"])
                #expect(response.status == .ok, "\(page.path)")
                let html = String(buffer: response.body)
                #expect(html.contains(#"<a href="\#(page.path)" aria-current="page">"#), "\(page.path) marks itself")
                let files = html.matches(of: /(?:src|href)="(\/[a-z0-9]+\/[^"]*static\/[^"]+)"/).map {
                    String($0.output.1)
                }
                #expect(!files.isEmpty, "\(page.path) names its own files")
                for file in files {
                    let answer = try await client.execute(uri: file, method: .get)
                    #expect(answer.status == .ok, "\(page.path) names \(file)")
                }
            }
            for path in ["/", "/health", "/api/chess/stats"] + apps.flatMap(\.sitePages).map(\.path) {
                let head = try await client.execute(uri: path, method: .head)
                #expect(head.status == .ok, "HEAD \(path) answers as GET does")
                #expect(head.body.readableBytes == 0, "HEAD \(path) has no body")
            }
            let home = String(
                buffer: try await client.execute(uri: "/", method: .get, headers: [.accept: "text/html"]).body
            )
            for page in apps.flatMap(\.sitePages) {
                #expect(
                    home.contains(#"<a href="\#(page.path)">\#(page.title)</a>"#),
                    "the home page lists \(page.path)"
                )
            }
        }
    }
}
