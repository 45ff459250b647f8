import EventLog
import Hummingbird
import Logging
import Web

/// A small app for the web layer's tests: routes that decode, encode and fail in each of the ways the
/// real apps do, mounted through `WebApplication.buildRouter` as `kibitz serve` mounts every app.
struct TestSite: AppSite {
    /// A body whose every field may be left out, so that `{}` decodes.
    struct Greeting: ResponseCodable {
        var playerName: String?
        var moveCount: Int?
    }

    /// A value with keys out of order and in camelCase, to see them answered sorted in snake_case.
    struct Score: ResponseEncodable {
        var zebraCount: Int
        var appleName: String
    }

    /// A refusal of the app's own with its status.
    struct GameOver: APIFailure {
        var status: HTTPResponse.Status { .conflict }
        var description: String { "the game is over" }
    }

    /// An error no route expects, whose details must stay in the server log.
    struct SecretFailure: Error, CustomStringConvertible {
        var description: String { "secret connection string" }
    }

    let sitePages = [
        SitePage(path: "/first", label: "First", title: "First page", summary: "", topics: ["one"], icon: ""),
        SitePage(path: "/second", label: "Second", title: "Second page", summary: "", topics: ["two"], icon: ""),
    ]

    func addRoutes(to router: Router<KibitzRequestContext>, chrome: PageChrome, logger: Logger) {
        router.post("api/test/greeting") { request, context in
            try await request.decode(as: Greeting.self, context: context)
        }
        router.get("api/test/score") { _, _ in Score(zebraCount: 1, appleName: "pink lady") }
        router.get("api/test/game-over") { _, _ -> Score in throw GameOver() }
        router.get("api/test/secret") { _, _ -> Score in throw SecretFailure() }
        router.get("api/test/full-disk") { _, _ -> Score in throw EventLogError.diskFull(path: "/data") }
    }

    /// Answers `GET /?player=` itself, as the shop's game API answers its clients at the root.
    func answerRoot(_ request: Request, context: KibitzRequestContext) async throws -> Response? {
        guard let player = request.uri.queryParameters["player"] else { return nil }
        return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "hello \(player)")))
    }

    /// The router `kibitz serve` builds, with this site as its one app and bodies of at most `maximumBodyBytes`.
    static func application(maximumBodyBytes: Int = 64) -> some ApplicationProtocol {
        var configuration = WebConfiguration()
        configuration.limits.maximumBodyBytes = maximumBodyBytes
        let router = WebApplication.buildRouter(
            configuration: configuration,
            apps: [TestSite()],
            logger: Logger(label: "WebTests")
        )
        return Application(router: router)
    }
}
