import Apps
import Testing

/// The shop activity generator behaves like shoppers: nothing is bought or taken out of a basket
/// that was not put in it first.
@Suite struct ShopActivitySimulatorTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func basketsAreConsistentPerSession(seed: UInt64) {
        var simulator = ShopActivitySimulator(seed: seed)
        var baskets: [String: [String: Int]] = [:]
        var counts: [String: Int] = [:]
        for index in 0..<5_000 {
            let event = simulator.next(ts: Int64(index))
            counts[event.eventType, default: 0] += 1
            #expect(event.price > 0 && event.quantity >= 1)
            switch event.eventType {
            case "addtobasket":
                baskets[event.sessionId, default: [:]][event.productId, default: 0] += event.quantity
            case "removefrombasket", "purchase":
                let held = baskets[event.sessionId]?[event.productId]
                #expect(held == event.quantity, "\(event.eventType) of \(event.productId) in \(event.sessionId)")
                baskets[event.sessionId]?[event.productId] = nil
            default:
                #expect(event.eventType == "productview")
            }
        }
        #expect(Set(counts.keys) == ["productview", "addtobasket", "removefrombasket", "purchase"])
        #expect(counts["productview", default: 0] > counts["purchase", default: 0])
    }
}
