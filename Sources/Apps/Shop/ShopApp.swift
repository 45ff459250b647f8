import Hummingbird
import Logging
import ServiceLifecycle
import Streams
import Web

/// Build a Nation: buy a sword, a horse or a shield; each purchase is an event on `events`, and
/// every player's inventory is counted live from the topic.
public struct ShopApp: KibitzApp {
    /// The inventory pipeline behind the page and the API.
    public let inventory: ShopInventoryPipeline
    let controller: ShopController
    let environment: AppEnvironment

    public init(_ environment: AppEnvironment, options: AppOptions) throws {
        inventory = try ShopInventoryPipeline()
        controller = ShopController(publisher: environment.publisher, inventories: inventory.inventories)
        self.environment = environment
    }

    public var topics: [AppTopic] { [AppTopic(ShopPurchaseEvent.self)] }
    public var pipelines: [Pipeline] { [inventory.pipeline] }

    public var demoServices: [any Service] {
        [ShopPurchaseDemoService(bootstrap: environment.bootstrap, logger: environment.logger)]
    }

    public var stateChangingGetPaths: [String] { ShopItem.allCases.map { "/" + $0.purchasePath } }

    public var sitePages: [SitePage] {
        [
            SitePage(
                path: "/shop",
                label: "Shop",
                title: "Build a Nation shop",
                summary: "Buy a sword, a horse or a shield; each purchase becomes an event you can read back with"
                    + " kcat, and your inventory is counted live from the topic. The game's API answers at"
                    + " <code>/purchase_a_sword</code> and on <code>/</code> for API clients.",
                topics: [ShopPurchaseEvent.topic],
                icon: #"<path d="M14.5 17.5L3 6V3h3l11.5 11.5"/><path d="M13 19l6-6"/><path d="M16 16l4 4"/>"#
                    + #"<path d="M19 21l2-2"/>"#
            )
        ]
    }

    public func answerRoot(_ request: Request, context: KibitzRequestContext) async throws -> Response? {
        try await controller.answerRoot(request, context: context)
    }

    public func addRoutes(to router: Router<KibitzRequestContext>, chrome: PageChrome, logger: Logger) {
        controller.addRoutes(to: router, pages: AppPages(folder: "ShopPages", chrome: chrome), logger: logger)
    }
}
