import Apps
import Foundation
import HummingbirdTesting
import Testing

/// The shop's inventory channel (`/ws/shop/inventory/{player}`) on a live server: a player's
/// inventory, then each of that player's purchases as the inventory pipeline counts it.
@Suite struct ShopLiveChannelTests {
    static func inventory(_ message: [String: Any]) throws -> [String: Any] {
        try #require(message["inventory"] as? [String: Any], "an inventory in \(message)")
    }

    @Test func anInventoryChannelSendsTheInventoryThenEachOfThePlayersPurchases() async throws {
        let test = try AppTestEnvironment()
        defer { test.close() }
        try await LiveServer.run([try ShopApp(test.environment, options: try AppOptions.parse([]))], in: test) {
            server in
            try await LiveChannelClient.connect(to: server, path: "/ws/shop/inventory/ann") { channel in
                let snapshot = try await channel.next()
                #expect(snapshot["type"] as? String == "snapshot")
                let empty = try Self.inventory(snapshot)
                #expect(empty["player"] as? String == "ann")
                #expect(empty["items"] as? [String: Int] == ["sword": 0, "horse": 0, "shield": 0])
                #expect(empty["total"] as? Int == 0)
                #expect(empty["last_purchase_ts"] is NSNull)

                // Another player's purchase, counted first, is not this channel's.
                let horse = try await server.execute(uri: "/purchase_a_horse?player=bob", method: .get)
                #expect(horse.status == .ok)
                let sword = try await server.execute(uri: "/purchase_a_sword?player=ann", method: .get)
                #expect(sword.status == .ok)
                let purchase = try ShopAPITests.json(sword)

                let change = try await channel.next()
                #expect(change["type"] as? String == "inventory")
                let bought = try Self.inventory(change)
                #expect(bought["player"] as? String == "ann")
                #expect(bought["items"] as? [String: Int] == ["sword": 1, "horse": 0, "shield": 0])
                #expect(bought["total"] as? Int == 1)
                #expect(bought["last_purchase_ts"] as? Int == purchase["ts"] as? Int)
            }
        }
    }

    @Test func anInventoryChannelOfAnInvalidPlayerNameIsRefused() async throws {
        let test = try AppTestEnvironment()
        defer { test.close() }
        try await LiveServer.run([try ShopApp(test.environment, options: try AppOptions.parse([]))], in: test) {
            server in
            for player in [String(repeating: "a", count: 41), "ann%20smith", "%3Cscript%3E", "%C3%A9mile", "ann!"] {
                let refused = try await LiveChannelClient.isRefused(by: server, path: "/ws/shop/inventory/\(player)")
                #expect(refused, "\(player)")
            }
            // The refusal is about the name: a valid one is opened on the same server.
            let valid = try await LiveChannelClient.isRefused(by: server, path: "/ws/shop/inventory/bob.the-2nd")
            #expect(!valid)
        }
    }
}
