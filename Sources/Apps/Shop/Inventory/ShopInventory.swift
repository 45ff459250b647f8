/// What one player owns: purchases counted per item, computed from the `events` topic.
public struct ShopInventory: Codable, Hashable, Sendable {
    /// Purchases per item name.
    public var items: [String: Int64]
    /// Purchases of every item together.
    public var total: Int64
    /// When the latest purchase happened, milliseconds since the epoch; nil before the first.
    public var lastPurchaseTs: Int64?

    public init(items: [String: Int64] = [:], total: Int64 = 0, lastPurchaseTs: Int64? = nil) {
        self.items = items
        self.total = total
        self.lastPurchaseTs = lastPurchaseTs
    }

    /// Counts one purchase.
    public mutating func record(_ purchase: ShopPurchaseEvent) {
        items[purchase.item, default: 0] += 1
        total += 1
        lastPurchaseTs = max(lastPurchaseTs ?? purchase.ts, purchase.ts)
    }

    /// The counts with every item the shop sells present, zero when never bought.
    public var countsWithEveryItem: [String: Int64] {
        var counts = items
        for item in ShopItem.allCases where counts[item.rawValue] == nil { counts[item.rawValue] = 0 }
        return counts
    }

    enum CodingKeys: String, CodingKey {
        case items
        case total
        case lastPurchaseTs = "last_purchase_ts"
    }
}
