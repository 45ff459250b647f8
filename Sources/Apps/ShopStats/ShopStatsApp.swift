import ArgumentParser
import Hummingbird
import Logging
import ServiceLifecycle
import Streams
import Web

/// The shop event dashboard: product views, baskets and purchases of `shop.events`, counted per
/// minute with rates, revenue and conversion, pushed live.
public struct ShopStatsApp: KibitzApp {
    let statistics: ShopStatistics
    let controller: ShopStatisticsController
    let environment: AppEnvironment

    public init(_ environment: AppEnvironment, options: AppOptions) throws {
        statistics = try ShopStatistics(configuration: environment.pipelineConfiguration)
        controller = ShopStatisticsController(statistics: statistics)
        self.environment = environment
    }

    public static var simulateCommand: (any ParsableCommand.Type)? { SimulateShopCommand.self }

    public var topics: [AppTopic] { [AppTopic(ShopActivityEvent.self)] }
    public var pipelines: [Pipeline] { [statistics.pipeline] }

    public var demoServices: [any Service] {
        [ShopActivityDemoService(bootstrap: environment.bootstrap, logger: environment.logger)]
    }

    public var sitePages: [SitePage] {
        [
            SitePage(
                path: "/shop/stats",
                label: "Shop stats",
                title: "Shop stats",
                summary: "Product views, baskets and purchases: counts, rates per minute, revenue and conversion,"
                    + " pushed live.",
                topics: [ShopActivityEvent.topic, ShopStatistics.statisticsTopic],
                icon: #"<circle cx="9" cy="20" r="1.5"/><circle cx="18" cy="20" r="1.5"/>"#
                    + #"<path d="M2 3h3l2.6 12.4a1.5 1.5 0 0 0 1.5 1.1h8.9a1.5 1.5 0 0 0 1.4-1.1L22 7H6.2"/>"#
            )
        ]
    }

    public func addRoutes(to router: Router<KibitzRequestContext>, chrome: PageChrome, logger: Logger) {
        controller.addRoutes(to: router, pages: AppPages(folder: "ShopStatsPages", chrome: chrome), logger: logger)
    }
}
