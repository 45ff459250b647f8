/// The shop's statistics over one window of event time: the value published to `shop.stats` and
/// the accumulator the window folds `shop.events` into.
///
/// - Rates per minute are the counts of a one-minute window.
/// - Revenue is the sum of `price × quantity` over purchases.
/// - Basket abandonment is `removefrombasket / addtobasket`: the share of items put in a basket
///   that were taken out again. It is per event rather than per session because a session can span
///   windows, and a per-window ratio of counts can be recomputed from the raw topic by anyone.
/// - Conversion is `purchase / productview`.
///
/// Both ratios are nil when their denominator is zero, rather than a misleading 0 or infinity.
public struct ShopMinuteStatistics: Codable, Hashable, Sendable {
    /// Window start, milliseconds since the epoch (inclusive).
    public var windowStart: Int64
    /// Window end, milliseconds since the epoch (exclusive).
    public var windowEnd: Int64
    public var productViews: Int64
    public var addsToBasket: Int64
    public var removalsFromBasket: Int64
    public var purchases: Int64
    /// Events whose `event_type` is none of the four known ones; counted so nothing vanishes silently.
    public var otherEvents: Int64
    /// Sum of `price × quantity` over purchases.
    public var revenue: Double

    public init(
        windowStart: Int64 = 0,
        windowEnd: Int64 = 0,
        productViews: Int64 = 0,
        addsToBasket: Int64 = 0,
        removalsFromBasket: Int64 = 0,
        purchases: Int64 = 0,
        otherEvents: Int64 = 0,
        revenue: Double = 0
    ) {
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.productViews = productViews
        self.addsToBasket = addsToBasket
        self.removalsFromBasket = removalsFromBasket
        self.purchases = purchases
        self.otherEvents = otherEvents
        self.revenue = revenue
    }

    /// Every event counted, known types or not.
    public var events: Int64 { productViews + addsToBasket + removalsFromBasket + purchases + otherEvents }

    /// `removefrombasket / addtobasket`, nil without adds.
    public var basketAbandonment: Double? {
        addsToBasket == 0 ? nil : Double(removalsFromBasket) / Double(addsToBasket)
    }

    /// `purchase / productview`, nil without views.
    public var conversion: Double? {
        productViews == 0 ? nil : Double(purchases) / Double(productViews)
    }

    /// Counts one event.
    public mutating func record(_ event: ShopActivityEvent) {
        switch event.eventType {
        case "productview": productViews += 1
        case "addtobasket": addsToBasket += 1
        case "removefrombasket": removalsFromBasket += 1
        case "purchase":
            purchases += 1
            revenue += event.price * Double(event.quantity)
        default: otherEvents += 1
        }
    }

    /// The counts of both, keeping this one's window (used to total windows).
    public func adding(_ other: ShopMinuteStatistics) -> ShopMinuteStatistics {
        var sum = self
        sum.productViews += other.productViews
        sum.addsToBasket += other.addsToBasket
        sum.removalsFromBasket += other.removalsFromBasket
        sum.purchases += other.purchases
        sum.otherEvents += other.otherEvents
        sum.revenue += other.revenue
        return sum
    }

    enum CodingKeys: String, CodingKey {
        case windowStart = "window_start"
        case windowEnd = "window_end"
        case productViews = "productview"
        case addsToBasket = "addtobasket"
        case removalsFromBasket = "removefrombasket"
        case purchases = "purchase"
        case otherEvents = "other"
        case revenue
        case events
        case basketAbandonment = "basket_abandonment"
        case conversion
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        windowStart = try container.decode(Int64.self, forKey: .windowStart)
        windowEnd = try container.decode(Int64.self, forKey: .windowEnd)
        productViews = try container.decode(Int64.self, forKey: .productViews)
        addsToBasket = try container.decode(Int64.self, forKey: .addsToBasket)
        removalsFromBasket = try container.decode(Int64.self, forKey: .removalsFromBasket)
        purchases = try container.decode(Int64.self, forKey: .purchases)
        otherEvents = try container.decode(Int64.self, forKey: .otherEvents)
        revenue = try container.decode(Double.self, forKey: .revenue)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(windowStart, forKey: .windowStart)
        try container.encode(windowEnd, forKey: .windowEnd)
        try container.encode(productViews, forKey: .productViews)
        try container.encode(addsToBasket, forKey: .addsToBasket)
        try container.encode(removalsFromBasket, forKey: .removalsFromBasket)
        try container.encode(purchases, forKey: .purchases)
        try container.encode(otherEvents, forKey: .otherEvents)
        try container.encode(revenue, forKey: .revenue)
        // Derived values are written for consumers of the topic; decoding recomputes them.
        try container.encode(events, forKey: .events)
        // Present as null rather than absent, so consumers can rely on the keys.
        try container.encode(basketAbandonment, forKey: .basketAbandonment)
        try container.encode(conversion, forKey: .conversion)
    }
}
