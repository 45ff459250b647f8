/// A value of the `events` topic: one purchase in the Build a Nation shop, keyed by player.
public struct ShopPurchaseEvent: Codable, Hashable, Sendable, TopicRecord {
    /// The topic purchases go to, keyed by player: the inventories are counted from it.
    public static let topic = "events"

    /// Who bought: 1 to 40 letters, digits, `_`, `-` or `.`.
    public var player: String
    /// What was bought; a `ShopItem` name when it comes from this shop, any text from other producers.
    public var item: String
    /// Milliseconds since the epoch.
    public var ts: Int64
    /// A unique id of the purchase, so a redelivered event can be recognised.
    public var purchaseId: String

    public init(player: String, item: String, ts: Int64, purchaseId: String) {
        self.player = player
        self.item = item
        self.ts = ts
        self.purchaseId = purchaseId
    }

    // Spelled out because FastJSON's decoder, which reads every topic record, matches keys exactly.
    enum CodingKeys: String, CodingKey {
        case player
        case item
        case ts
        case purchaseId = "purchase_id"
    }
}
