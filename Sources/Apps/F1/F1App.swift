import ArgumentParser
import Hummingbird
import Logging
import ServiceLifecycle
import Streams
import Web

/// The F1 live leaderboard, fed by car states on `f1.leaderboard.results`.
public struct F1App: KibitzApp {
    /// The leaderboard pipeline behind the page, the API and the channel.
    public let leaderboard: F1LeaderboardPipeline
    let controller: F1Controller
    let environment: AppEnvironment

    public init(_ environment: AppEnvironment, options: AppOptions) throws {
        leaderboard = try F1LeaderboardPipeline()
        controller = F1Controller(leaderboard: leaderboard)
        self.environment = environment
    }

    public static var simulateCommand: (any ParsableCommand.Type)? { SimulateRaceCommand.self }

    public var topics: [AppTopic] { [AppTopic(F1CarState.self)] }
    public var pipelines: [Pipeline] { [leaderboard.pipeline] }

    public var demoServices: [any Service] {
        // The race produces through the Kafka protocol to this server's own port, as an outside
        // game server would; librdkafka retries until the broker listens.
        [RaceDemoService(bootstrap: environment.bootstrap, logger: environment.logger)]
    }

    public var sitePages: [SitePage] {
        [
            SitePage(
                path: "/f1",
                label: "F1",
                title: "F1 leaderboard",
                summary: "A live race leaderboard: pick a driver to follow and watch the gap and interval change."
                    + " Feed it with <code>kibitz simulate race</code> or any Kafka producer.",
                topics: [F1CarState.topic],
                icon: #"<path d="M5 21V4"/><path d="M5 4h14l-3 4.5 3 4.5H5"/>"#
            )
        ]
    }

    public func addRoutes(to router: Router<KibitzRequestContext>, chrome: PageChrome, logger: Logger) {
        controller.addRoutes(to: router, pages: AppPages(folder: "F1Pages", chrome: chrome), logger: logger)
    }
}
