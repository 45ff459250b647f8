import Hummingbird
import Logging
import SQL
import ServiceLifecycle
import Web

/// Flink SQL over the topics: tables, continuously updated views with an API, a live channel and a
/// page each, and INSERT INTO jobs — for a game's own events, without writing Swift.
public struct SQLApp: KibitzApp {
    let engine: SQLEngine

    public init(_ environment: AppEnvironment, options: AppOptions) throws {
        engine = SQLEngine(
            storage: environment.log,
            dataDirectory: environment.dataDirectory,
            configuration: options.sql.configuration(
                checkpointIntervalMilliseconds: environment.pipelineConfiguration.checkpointIntervalMilliseconds,
                bootstrap: environment.bootstrap
            ),
            logger: environment.logger
        )
    }

    public var topics: [AppTopic] { [] }
    public var services: [any Service] { [SQLService(engine: engine)] }

    public var sitePages: [SitePage] {
        [
            SitePage(
                path: "/views",
                label: "SQL views",
                title: "SQL views",
                summary: "Flink SQL over any topic: each query a live view with a table, a chart, an API and sinks.",
                topics: [],
                icon: #"<ellipse cx="12" cy="5" rx="8" ry="3"/><path d="M4 5v14c0 1.7 3.6 3 8 3s8-1.3 8-3V5"/>"#
                    + #"<path d="M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3"/>"#
            )
        ]
    }

    public func addRoutes(to router: Router<KibitzRequestContext>, chrome: PageChrome, logger: Logger) {
        SQLController(engine: engine).addRoutes(
            to: router,
            pages: AppPages(folder: "SQLPages", chrome: chrome),
            logger: logger
        )
    }
}
