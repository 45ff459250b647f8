/// A value of `shop.events`: one step of a shopper's visit, keyed by `user_id`.
public struct ShopActivityEvent: Codable, Hashable, Sendable, TopicRecord {
    /// The topic of the shoppers' activity, keyed by user id.
    public static let topic = "shop.events"

    /// `productview`, `addtobasket`, `removefrombasket` or `purchase`.
    public var eventType: String
    public var eventId: String
    public var userId: String
    public var sessionId: String
    public var productId: String
    public var productName: String
    public var category: String
    /// Unit price in the shop's currency.
    public var price: Double
    public var quantity: Int
    /// Milliseconds since the epoch.
    public var ts: Int64

    public init(
        eventType: String,
        eventId: String,
        userId: String,
        sessionId: String,
        productId: String,
        productName: String,
        category: String,
        price: Double,
        quantity: Int,
        ts: Int64
    ) {
        self.eventType = eventType
        self.eventId = eventId
        self.userId = userId
        self.sessionId = sessionId
        self.productId = productId
        self.productName = productName
        self.category = category
        self.price = price
        self.quantity = quantity
        self.ts = ts
    }

    // Spelled out because FastJSON's decoder, which reads every topic record, matches keys exactly.
    enum CodingKeys: String, CodingKey {
        case eventType = "event_type"
        case eventId = "event_id"
        case userId = "user_id"
        case sessionId = "session_id"
        case productId = "product_id"
        case productName = "product_name"
        case category, price, quantity, ts
    }
}
