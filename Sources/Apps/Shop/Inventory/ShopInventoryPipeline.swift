import Streams

/// The Streams pipeline behind the shop page: every player's inventory, folded from `events`.
public final class ShopInventoryPipeline: Sendable {
    /// The pipeline to hand to a runner (or a test driver).
    public let pipeline: Pipeline
    /// The inventory of each player, by name.
    public let inventories: LatestByKeyView<String, ShopInventory>

    public init() throws {
        let pipeline = Pipeline(name: "shop-inventory")
        let purchases = pipeline.source(ShopPurchaseEvent.topic, as: ShopPurchaseEvent.self, eventTime: \.ts)
        inventories =
            try purchases
            .keyBy(\.player)
            .aggregate(.fold(ShopInventory()) { inventory, purchase in inventory.record(purchase) }, name: "inventory")
            .view()
        self.pipeline = pipeline
    }
}
