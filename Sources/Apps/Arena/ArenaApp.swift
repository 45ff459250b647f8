import ArgumentParser
import Hummingbird
import Logging
import ServiceLifecycle
import Web

/// The superhero arena: simulated lobbies' server log on `lib.server.lobby`, written by ETL workers
/// into the Parquet tables `game_meta` and `game_podium` under the data directory's `warehouse`.
public struct ArenaApp: KibitzApp {
    /// What the ETL workers report, served by the API, the page and the channel.
    public let statistics: ArenaWarehouseStatistics
    let controller: ArenaController
    let options: ArenaOptions
    let environment: AppEnvironment

    public init(_ environment: AppEnvironment, options: AppOptions) {
        let options = options.arena
        statistics = ArenaWarehouseStatistics(registry: environment.metrics.registry)
        controller = ArenaController(statistics: statistics)
        self.options = options
        self.environment = environment
    }

    public static var simulateCommand: (any ParsableCommand.Type)? { SimulateArenaCommand.self }

    /// Workers beyond the topic's partitions would sit idle, so the topic gets one each.
    public var topics: [AppTopic] { [AppTopic(ArenaLogRecord.self, minimumPartitions: Int32(options.arenaWorkers))] }

    public var services: [any Service] {
        guard options.arenaWorkers > 0 else { return [] }
        return [
            ArenaETLService(
                bootstrap: environment.bootstrap,
                workers: options.arenaWorkers,
                warehouseDirectory: environment.dataDirectory + "/warehouse",
                flushInterval: .milliseconds(options.arenaFlushIntervalMs),
                statistics: statistics,
                logger: environment.logger
            )
        ]
    }

    public var demoServices: [any Service] {
        [ArenaDemoService(bootstrap: environment.bootstrap, logger: environment.logger)]
    }

    public var sitePages: [SitePage] {
        [
            SitePage(
                path: "/arena",
                label: "Arena",
                title: "Superhero arena",
                summary: "Simulated lobbies fight it out; finished games land in Parquet tables for later analysis.",
                topics: [ArenaLogRecord.topic],
                icon: #"<path d="M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z"/><path d="M9 12l2 2 4-4"/>"#
            )
        ]
    }

    public func addRoutes(to router: Router<KibitzRequestContext>, chrome: PageChrome, logger: Logger) {
        controller.addRoutes(to: router, pages: AppPages(folder: "ArenaPages", chrome: chrome), logger: logger)
    }
}
