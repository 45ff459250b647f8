import SeededRandom

/// Shoppers visiting the shop: each visit views a few products, puts some in the basket, takes
/// some out again, and either buys the basket or abandons it. Several visits run interleaved.
public struct ShopActivitySimulator: Sendable {
    struct Product {
        var id: String
        var name: String
        var category: String
        var price: Double
    }

    static let catalogue: [Product] = [
        Product(id: "p-100", name: "Iron sword", category: "weapons", price: 12.5),
        Product(id: "p-101", name: "Steel sword", category: "weapons", price: 24.0),
        Product(id: "p-102", name: "Longbow", category: "weapons", price: 18.0),
        Product(id: "p-200", name: "Wooden shield", category: "armour", price: 8.0),
        Product(id: "p-201", name: "Tower shield", category: "armour", price: 21.0),
        Product(id: "p-202", name: "Chain mail", category: "armour", price: 35.0),
        Product(id: "p-300", name: "Pony", category: "mounts", price: 40.0),
        Product(id: "p-301", name: "War horse", category: "mounts", price: 95.0),
        Product(id: "p-400", name: "Healing potion", category: "potions", price: 3.5),
        Product(id: "p-401", name: "Mana potion", category: "potions", price: 4.0),
    ]

    struct Visit {
        var userId: String
        var sessionId: String
        var viewsLeft: Int
        var basket: [Int: Int] = [:]
        /// Once a visit decides to buy, each of its next events buys one basket line.
        var isCheckingOut = false
    }

    private var generator: SeededGenerator
    private var visits: [Visit] = []
    private var nextSession = 0
    private var nextEvent = 0
    private let concurrentVisits: Int

    public init(seed: UInt64, concurrentVisits: Int = 8) {
        generator = SeededGenerator(seed: seed)
        self.concurrentVisits = max(1, concurrentVisits)
    }

    /// The next event of some visit, stamped `ts`.
    public mutating func next(ts: Int64) -> ShopActivityEvent {
        while visits.count < concurrentVisits { visits.append(newVisit()) }
        let index = Int.random(in: 0..<visits.count, using: &generator)
        var visit = visits[index]
        let roll = Double.random(in: 0..<1, using: &generator)
        let event: ShopActivityEvent
        if visit.viewsLeft > 0 {
            let productIndex = Int.random(in: 0..<Self.catalogue.count, using: &generator)
            if !visit.basket.isEmpty, roll < 0.12 {
                let removed = visit.basket.keys.sorted()[Int.random(in: 0..<visit.basket.count, using: &generator)]
                event = make("removefrombasket", visit, removed, quantity: visit.basket[removed] ?? 1, ts: ts)
                visit.basket[removed] = nil
            } else if roll < 0.42 {
                let quantity = Int.random(in: 0..<10, using: &generator) == 0 ? 2 : 1
                visit.basket[productIndex, default: 0] += quantity
                event = make("addtobasket", visit, productIndex, quantity: quantity, ts: ts)
            } else {
                visit.viewsLeft -= 1
                event = make("productview", visit, productIndex, quantity: 1, ts: ts)
            }
            visits[index] = visit
            return event
        }
        // The visit ends: the basket is bought (one purchase event per line) or abandoned.
        visits.remove(at: index)
        if let line = visit.basket.keys.sorted().first, visit.isCheckingOut || roll < 0.55 {
            let quantity = visit.basket[line] ?? 1
            visit.basket[line] = nil
            visit.isCheckingOut = true
            if !visit.basket.isEmpty { visits.append(visit) }
            return make("purchase", visit, line, quantity: quantity, ts: ts)
        }
        return next(ts: ts)
    }

    private mutating func newVisit() -> Visit {
        nextSession += 1
        let user = Int.random(in: 1...500, using: &generator)
        return Visit(
            userId: "user-\(user)",
            sessionId: "session-\(nextSession)",
            viewsLeft: Int.random(in: 1...7, using: &generator)
        )
    }

    private mutating func make(
        _ type: String,
        _ visit: Visit,
        _ product: Int,
        quantity: Int,
        ts: Int64
    )
        -> ShopActivityEvent
    {
        nextEvent += 1
        let item = Self.catalogue[product]
        return ShopActivityEvent(
            eventType: type,
            eventId: "\(visit.sessionId)-\(nextEvent)",
            userId: visit.userId,
            sessionId: visit.sessionId,
            productId: item.id,
            productName: item.name,
            category: item.category,
            price: item.price,
            quantity: quantity,
            ts: ts
        )
    }
}
