import Apps
import Foundation
import HummingbirdTesting
import Testing

/// The shop statistics channel (`/ws/shop/stats`) on a live server: the statistics, then the
/// statistics again each time the pipeline closes a minute of `shop.events`.
@Suite struct ShopStatsLiveChannelTests {
    @Test func theStatisticsChannelSendsTheStatisticsThenEachClosedMinute() async throws {
        let test = try AppTestEnvironment()
        defer { test.close() }
        try await LiveServer.run([try ShopStatsApp(test.environment, options: try AppOptions.parse([]))], in: test) {
            server in
            try await LiveChannelClient.connect(to: server, path: "/ws/shop/stats") { channel in
                let snapshot = try await channel.next()
                #expect(snapshot["type"] as? String == "snapshot")
                let empty = try #require(snapshot["stats"] as? [String: Any])
                #expect((empty["minutes"] as? [Any])?.isEmpty == true)
                let noTotals = try #require(empty["totals"] as? [String: Any])
                #expect(noTotals["events"] as? Int == 0 && noTotals["revenue"] as? Double == 0)

                // Published as the shop simulator publishes; the last event, past the first minute and
                // the allowed out-of-orderness, closes that minute.
                let base = ShopStatisticsTests.base
                for event in [
                    ShopStatisticsTests.event("productview", at: 1_000),
                    ShopStatisticsTests.event("addtobasket", at: 2_000),
                    ShopStatisticsTests.event("purchase", at: 3_000, price: 12.5, quantity: 2),
                    ShopStatisticsTests.event("productview", at: 65_000),
                ] {
                    try await test.environment.publisher.publish(
                        topic: ShopActivityEvent.topic,
                        key: event.userId,
                        event: event
                    )
                }

                let change = try await channel.next()
                #expect(change["type"] as? String == "stats")
                let statistics = try #require(change["stats"] as? [String: Any])
                let minutes = try #require(statistics["minutes"] as? [[String: Any]])
                #expect(minutes.count == 1)
                let minute = try #require(minutes.first)
                #expect(
                    minute["window_start"] as? Int == Int(base) && minute["window_end"] as? Int == Int(base) + 60_000
                )
                // Counts are named after the event types they count.
                #expect(minute["productview"] as? Int == 1)
                #expect(minute["addtobasket"] as? Int == 1)
                #expect(minute["purchase"] as? Int == 1)
                #expect(minute["revenue"] as? Double == 25)
                let totals = try #require(statistics["totals"] as? [String: Any])
                #expect(totals["events"] as? Int == 3 && totals["revenue"] as? Double == 25)
            }
        }
    }
}
