import Apps
import Foundation
import Streams
import Testing

/// The shop statistics pipeline through a `TestDriver`: windows, every statistic, a late event and
/// malformed records.
@Suite struct ShopStatisticsTests {
    /// A minute boundary, so the windows below start where the test says.
    static let base: Int64 = 1_700_000_040_000

    static func event(_ type: String, at offset: Int64, price: Double = 10, quantity: Int = 1) -> ShopActivityEvent {
        ShopActivityEvent(
            eventType: type,
            eventId: "e-\(type)-\(offset)",
            userId: "u-1",
            sessionId: "s-1",
            productId: "p-100",
            productName: "Iron sword",
            category: "weapons",
            price: price,
            quantity: quantity,
            ts: base + offset
        )
    }

    @Test func closedWindowsCarryEveryStatistic() throws {
        let statistics = try ShopStatistics()
        let driver = TestDriver(pipeline: statistics.pipeline)
        let topic = ShopActivityEvent.topic
        let firstMinute = [
            Self.event("productview", at: 1_000),
            Self.event("productview", at: 2_000),
            Self.event("addtobasket", at: 3_000),
            Self.event("productview", at: 4_000),
            Self.event("addtobasket", at: 5_000),
            Self.event("removefrombasket", at: 6_000),
            Self.event("purchase", at: 7_000, price: 12.5, quantity: 2),
            Self.event("productview", at: 8_000),
            Self.event("purchase", at: 59_000, price: 3.5, quantity: 1),
        ]
        for event in firstMinute { try driver.send(topic: topic, event, key: event.userId) }
        #expect(driver.output(topic: ShopStatistics.statisticsTopic).isEmpty)

        // The first event past the watermark's out-of-orderness closes the first minute.
        let secondMinute = [
            Self.event("productview", at: 61_500),
            Self.event("productview", at: 62_000),
            Self.event("addtobasket", at: 63_000),
            Self.event("purchase", at: 64_000, price: 95, quantity: 1),
        ]
        for event in secondMinute { try driver.send(topic: topic, event, key: event.userId) }
        // Late: its minute has closed, so it is dropped rather than changing a published result.
        try driver.send(topic: topic, Self.event("purchase", at: 10_000, price: 40, quantity: 1))
        driver.send(topic: topic, json: "{not json")
        driver.send(topic: topic, json: #"{"event_type": "purchase", "price": 1}"#)
        try driver.send(topic: topic, Self.event("productview", at: 125_000))

        let published = try driver.output(topic: ShopStatistics.statisticsTopic, as: ShopMinuteStatistics.self)
        let first = ShopMinuteStatistics(
            windowStart: Self.base,
            windowEnd: Self.base + 60_000,
            productViews: 4,
            addsToBasket: 2,
            removalsFromBasket: 1,
            purchases: 2,
            revenue: 28.5
        )
        let second = ShopMinuteStatistics(
            windowStart: Self.base + 60_000,
            windowEnd: Self.base + 120_000,
            productViews: 2,
            addsToBasket: 1,
            purchases: 1,
            revenue: 95
        )
        #expect(published == [first, second])
        #expect(first.basketAbandonment == 0.5)
        #expect(first.conversion == 0.5)
        #expect(first.events == 9)
        #expect(second.basketAbandonment == 0)
        #expect(second.conversion == 0.5)
        #expect(
            driver.output(topic: ShopStatistics.statisticsTopic).map {
                $0.key.map { String(decoding: $0, as: UTF8.self) }
            } == [String(Self.base), String(Self.base + 60_000)]
        )

        #expect(driver.deadLetters.count == 2)
        #expect(driver.deadLetters.allSatisfy { $0.topic == topic })

        let snapshot = statistics.snapshot()
        #expect(snapshot.minutes == [first, second])
        #expect(snapshot.totals.productViews == 6)
        #expect(snapshot.totals.addsToBasket == 3)
        #expect(snapshot.totals.removalsFromBasket == 1)
        #expect(snapshot.totals.purchases == 3)
        #expect(snapshot.totals.revenue == 123.5)
        #expect(snapshot.totals.basketAbandonment == 1.0 / 3.0)
        #expect(snapshot.totals.conversion == 0.5)
        #expect(snapshot.totals.windowStart == Self.base)
        #expect(snapshot.totals.windowEnd == Self.base + 120_000)
    }

    @Test func ratiosAreNilWithoutDenominators() {
        let empty = ShopMinuteStatistics()
        #expect(empty.basketAbandonment == nil)
        #expect(empty.conversion == nil)
    }

    @Test func publishedJSONNamesTheRawEventTypes() throws {
        var statistics = ShopMinuteStatistics(windowStart: 0, windowEnd: 60_000)
        statistics.record(Self.event("purchase", at: 0, price: 2, quantity: 3))
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(statistics)) as? [String: Any]
        #expect(object?["purchase"] as? Int == 1)
        #expect(object?["revenue"] as? Double == 6)
        #expect(object?["conversion"] is NSNull)
        #expect(object?["basket_abandonment"] is NSNull)
    }
}
