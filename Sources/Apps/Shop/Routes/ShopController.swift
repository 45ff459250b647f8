import FastJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import Streams
import Web

/// The Build a Nation game API, the shop page and its inventory API and live channel.
///
/// `GET` or `POST` `/purchase_a_sword`, `/purchase_a_horse` and `/purchase_a_shield` buy one item for
/// the player named by the `player` query parameter (or a JSON body's `player` on `POST`; default
/// `player-1`), publish `{player, item, ts, purchase_id}` to `events` keyed by the player, and answer
/// with that purchase. `/` is the Kibitz home page for browsers; API clients, which ask for
/// `Accept: application/json` or name a `player`, get the game's welcome answer instead.
public struct ShopController: Sendable {
    public typealias Context = KibitzRequestContext

    struct PlayerBody: Decodable {
        var player: String?
    }

    struct PurchaseAnswer: ResponseEncodable {
        var status = "purchased"
        var message: String
        var player: String
        var item: String
        var ts: Int64
        var purchaseId: String
    }

    struct WelcomeAnswer: ResponseEncodable {
        var game = "Build a Nation"
        var message: String
        var player: String
        var items: [String]
        var purchaseEndpoints: [String]
        var inventory: InventoryAnswer
    }

    /// The body of `GET /api/shop/inventory/{player}` and of the inventory channel's messages.
    struct InventoryAnswer: ResponseEncodable, Sendable {
        var player: String
        var items: [String: Int64]
        var total: Int64
        var lastPurchaseTs: Int64?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(player, forKey: .player)
            try container.encode(items, forKey: .items)
            try container.encode(total, forKey: .total)
            // Present as null rather than absent, so clients can rely on the key.
            try container.encode(lastPurchaseTs, forKey: .lastPurchaseTs)
        }

        enum CodingKeys: String, CodingKey {
            case player, items, total, lastPurchaseTs
        }
    }

    struct ChannelMessage: Encodable {
        var type: String
        var inventory: InventoryAnswer
    }

    let publisher: any EventPublisher
    let inventories: LatestByKeyView<String, ShopInventory>

    /// - Parameters:
    ///   - publisher: where purchases go (the `events` topic must exist).
    ///   - inventories: the inventory view of a `ShopInventoryPipeline`.
    public init(publisher: any EventPublisher, inventories: LatestByKeyView<String, ShopInventory>) {
        self.publisher = publisher
        self.inventories = inventories
    }

    public func addRoutes(to router: Router<Context>, pages: AppPages, logger: Logger) {
        for item in ShopItem.allCases {
            router.get(RouterPath(item.purchasePath)) { request, context in
                try await purchase(item, request: request, context: context)
            }
            router.post(RouterPath(item.purchasePath)) { request, context in
                try await purchase(item, request: request, context: context)
            }
        }
        router.post("/") { request, context in try await welcome(request: request, context: context) }

        router.get("api/shop/inventory/{player}") { _, context in
            let player = try Self.validated(try context.parameters.require("player"))
            return inventory(of: player)
        }
        router.get("shop") { _, _ in try pages.page("shop.html") }
        pages.addStaticFiles(to: router, at: "/shop/static", logger: logger)
        router.ws("ws/shop/inventory/{player}") { _, context in
            // An invalid name is refused with the API's 422 and reason.
            _ = try Self.validated(try context.parameters.require("player"))
            return .upgrade()
        } onUpgrade: { inbound, outbound, context in
            let player = context.requestContext.parameters.get("player") ?? ""
            // Subscribe before reading the snapshot, so no change falls between the two.
            let changes = inventories.changes()
            let updates = AsyncStream.startingWith(inventory(of: player), then: changes) { change in
                change.key == player ? Self.answer(player: player, inventory: change.value) : nil
            }
            try await LiveChannel.run(inbound: inbound, outbound: outbound, updates: updates) { inventory, isFirst in
                ChannelMessage(type: isFirst ? "snapshot" : "inventory", inventory: inventory)
            }
        }
    }

    /// Buys one `item` for the request's player and publishes the purchase.
    func purchase(_ item: ShopItem, request: Request, context: Context) async throws -> PurchaseAnswer {
        let player = try await player(of: request, context: context)
        let event = ShopPurchaseEvent(
            player: player,
            item: item.rawValue,
            ts: EventJSON.nowMilliseconds(),
            purchaseId: UUID().uuidString.lowercased()
        )
        try await publisher.publish(topic: ShopPurchaseEvent.topic, key: player, event: event)
        return PurchaseAnswer(
            message: "\(player) bought a \(item.rawValue)",
            player: player,
            item: item.rawValue,
            ts: event.ts,
            purchaseId: event.purchaseId
        )
    }

    func welcome(request: Request, context: Context) async throws -> WelcomeAnswer {
        let player = try await player(of: request, context: context)
        return WelcomeAnswer(
            message: "Welcome to Build a Nation, \(player). Buy with GET or POST on a purchase endpoint.",
            player: player,
            items: ShopItem.allCases.map(\.rawValue),
            purchaseEndpoints: ShopItem.allCases.map { "/" + $0.purchasePath },
            inventory: inventory(of: player)
        )
    }

    func inventory(of player: String) -> InventoryAnswer {
        Self.answer(player: player, inventory: inventories[player])
    }

    static func answer(player: String, inventory: ShopInventory?) -> InventoryAnswer {
        let inventory = inventory ?? ShopInventory()
        return InventoryAnswer(
            player: player,
            items: inventory.countsWithEveryItem,
            total: inventory.total,
            lastPurchaseTs: inventory.lastPurchaseTs
        )
    }

    /// The `player` query parameter, else a JSON body's `player`, else the default; validated.
    func player(of request: Request, context: Context) async throws -> String {
        if let named = request.uri.queryParameters.get("player") {
            return try Self.validated(named)
        }
        let isJSON = request.headers[.contentType]?.lowercased().hasPrefix("application/json") ?? false
        if request.method == .post, isJSON,
            let named = try await request.decode(as: PlayerBody.self, context: context).player
        {
            return try Self.validated(named)
        }
        return ShopPlayerName.defaultPlayer
    }

    static func validated(_ player: String) throws -> String {
        try ShopPlayerName.validate(player).get()
    }

    /// The game's welcome for API clients asking for `/`; browsers get the home page.
    func answerRoot(_ request: Request, context: Context) async throws -> Response? {
        guard Self.isAPIClient(request) else { return nil }
        return try await welcome(request: request, context: context).response(from: request, context: context)
    }

    /// Whether a request to `/` wants the game's JSON rather than the home page.
    static func isAPIClient(_ request: Request) -> Bool {
        if request.uri.queryParameters.get("player") != nil { return true }
        let accept = request.headers[.accept]?.lowercased() ?? ""
        return accept.contains("application/json")
    }
}
