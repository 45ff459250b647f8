import Hummingbird
import Logging
import ServiceLifecycle
import Streams
import Web

/// Chess against the engine or a friend, and the live chess dashboard.
public struct ChessApp: KibitzApp {
    let statistics: ChessStatistics
    let store: ChessGameStore
    let controller: ChessController
    let options: ChessOptions
    let logger: Logger

    /// Builds the statistics pipeline and restores the games in progress from the `games`, `moves`
    /// and `chess.seats` topics.
    public init(_ environment: AppEnvironment, options: AppOptions) async throws {
        let options = options.chess
        statistics = try ChessStatistics(configuration: environment.pipelineConfiguration)
        store = ChessGameStore(publisher: environment.publisher)
        // Restoring reads the topics, so they exist before `kibitz serve` creates every app's.
        try environment.publisher.ensureTopics(Self.appTopics.map(\.name))
        let history = try ChessGameHistory(log: environment.log)
        let restored = try await store.restore(history)
        environment.logger.info(
            "restored chess games in progress",
            metadata: ["games": "\(restored)", "skipped_records": "\(history.skippedRecords)"]
        )
        controller = ChessController(
            store: store,
            dashboard: ChessDashboardFeed(statistics: statistics),
            gamesPerMinutePerClient: options.chessGamesPerMinute
        )
        self.options = options
        logger = environment.logger
    }

    static let appTopics = [
        AppTopic(ChessGameEvent.self), AppTopic(ChessMoveEvent.self), AppTopic(ChessSeatingEvent.self),
    ]

    public var topics: [AppTopic] { Self.appTopics }

    public var pipelines: [Pipeline] { [statistics.pipeline] }

    public var services: [any Service] {
        [ChessAbandonmentService(store: store, idleTime: options.chessAbandonAfterMinutes * 60, logger: logger)]
    }

    public var demoServices: [any Service] { [ChessDemoService(store: store, logger: logger)] }

    public var sitePages: [SitePage] {
        [
            SitePage(
                path: "/chess",
                label: "Chess",
                title: "Chess",
                summary: "Play in the browser against the built-in engine at ten levels, or send a friend a link.",
                topics: [ChessGameEvent.topic, ChessMoveEvent.topic],
                icon: #"<circle cx="12" cy="6" r="3"/><path d="M9 21h6l-1-9h-4z"/><path d="M6 21h12"/>"#
            ),
            SitePage(
                path: "/chess/dashboard",
                label: "Chess dashboard",
                title: "Chess dashboard",
                summary: "Active games, games completed today, moves per minute, results and recent moves — follow"
                    + " any game live.",
                topics: [ChessGameEvent.topic, ChessMoveEvent.topic],
                icon: #"<path d="M3 3v18h18"/><path d="M6 15l4-5 4 3 5-7"/>"#
            ),
        ]
    }

    public func addRoutes(to router: Router<KibitzRequestContext>, chrome: PageChrome, logger: Logger) {
        controller.addRoutes(to: router, pages: AppPages(folder: "ChessPages", chrome: chrome), logger: logger)
    }
}
