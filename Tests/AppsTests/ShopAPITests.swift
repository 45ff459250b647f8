import Apps
import EventLog
import FastJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KafkaProtocol
import Logging
import NIOCore
import Streams
import Testing
import Web

/// The Build a Nation game API through Hummingbird's router tester, publishing into a real event log.
@Suite struct ShopAPITests {
    struct Harness {
        let environment: AppTestEnvironment
        let inventory: ShopInventoryPipeline
        let application: Application<RouterResponder<KibitzRequestContext>>
        var log: EventLog { environment.log }

        init() throws {
            environment = try AppTestEnvironment()
            let app = try ShopApp(environment.environment, options: try AppOptions.parse([]))
            inventory = app.inventory
            application = Application(router: try environment.router([app]))
        }

        /// The records published to `events`, in order, as (key, JSON value).
        func published() throws -> [(key: String, value: [String: Any])] {
            let partition = try log.partition(topic: ShopPurchaseEvent.topic, partition: 0)
            let read = try partition.read(from: partition.earliestOffset, maxBytes: 1 << 24)
            var iterator = RecordBatchIterator(read.records)
            var values: [(key: String, value: [String: Any])] = []
            while let batch = try iterator.next() {
                for record in batch.records {
                    let key = String(decoding: record.key!.readableBytesView, as: UTF8.self)
                    let data = Data(record.value!.readableBytesView)
                    values.append((key, try JSONSerialization.jsonObject(with: data) as! [String: Any]))
                }
            }
            return values
        }

        /// Feeds what was published through the inventory pipeline, as its runner would.
        func processPublished() throws {
            let driver = TestDriver(pipeline: inventory.pipeline)
            for record in try published() {
                let data = try JSONSerialization.data(withJSONObject: record.value)
                driver.send(
                    topic: ShopPurchaseEvent.topic,
                    json: String(decoding: data, as: UTF8.self),
                    key: record.key
                )
            }
        }

        func close() { environment.close() }
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
    }

    @Test func getAndPostBuyAndPublishKeyedByPlayer() async throws {
        let harness = try Harness()
        defer { harness.close() }
        try await harness.application.test(.router) { client in
            let sword = try await client.execute(uri: "/purchase_a_sword?player=ann", method: .get)
            #expect(sword.status == .ok)
            let answer = try Self.json(sword)
            #expect(answer["player"] as? String == "ann")
            #expect(answer["item"] as? String == "sword")
            #expect((answer["purchase_id"] as? String)?.isEmpty == false)
            #expect((answer["ts"] as? Int ?? 0) > 1_600_000_000_000)

            let horse = try await client.execute(
                uri: "/purchase_a_horse",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"player":"bob.the-2nd"}"#)
            )
            #expect(horse.status == .ok)
            #expect(try Self.json(horse)["player"] as? String == "bob.the-2nd")

            let shield = try await client.execute(uri: "/purchase_a_shield", method: .post)
            #expect(shield.status == .ok)
            #expect(try Self.json(shield)["player"] as? String == ShopPlayerName.defaultPlayer)
        }
        let published = try harness.published()
        #expect(published.map(\.key) == ["ann", "bob.the-2nd", "player-1"])
        #expect(published.map { $0.value["item"] as? String } == ["sword", "horse", "shield"])
        #expect(Set(published[0].value.keys) == ["player", "item", "ts", "purchase_id"])
    }

    @Test(arguments: [
        "/purchase_a_sword?player=",
        "/purchase_a_sword?player=" + String(repeating: "a", count: 41),
        "/purchase_a_horse?player=ann%20smith",
        "/purchase_a_shield?player=%3Cscript%3E",
        "/purchase_a_shield?player=%C3%A9mile",
    ])
    func badPlayersAreRefusedAndNothingIsPublished(uri: String) async throws {
        let harness = try Harness()
        defer { harness.close() }
        try await harness.application.test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .unprocessableContent)
            let error = try #require(try Self.json(response)["error"] as? String)
            #expect(error.contains("player"))
        }
        #expect(try harness.published().isEmpty)
    }

    @Test func aMalformedJSONBodyIsRefusedAndNothingIsPublished() async throws {
        let harness = try Harness()
        defer { harness.close() }
        try await harness.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/purchase_a_sword",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"player": 7}"#)
            )
            #expect(response.status == .unprocessableContent)
        }
        #expect(try harness.published().isEmpty)
    }

    @Test func rootAnswersAPIClientsAndLeavesTheHomePageToBrowsers() async throws {
        let harness = try Harness()
        defer { harness.close() }
        try await harness.application.test(.router) { client in
            let api = try await client.execute(uri: "/", method: .get, headers: [.accept: "application/json"])
            #expect(api.status == .ok)
            let welcome = try Self.json(api)
            #expect(welcome["game"] as? String == "Build a Nation")
            #expect(welcome["player"] as? String == "player-1")

            let named = try await client.execute(uri: "/?player=cyd", method: .get)
            #expect(try Self.json(named)["player"] as? String == "cyd")

            let browser = try await client.execute(
                uri: "/",
                method: .get,
                headers: [.accept: "text/html,application/xhtml+xml,*/*;q=0.8"]
            )
            #expect(browser.status == .ok)
            #expect(browser.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(String(buffer: browser.body).contains("Kibitz"))
        }
        #expect(try harness.published().isEmpty)
    }

    @Test func inventoryCountsWhatTheTopicHolds() async throws {
        let harness = try Harness()
        defer { harness.close() }
        try await harness.application.test(.router) { client in
            for uri in ["/purchase_a_sword?player=ann", "/purchase_a_sword?player=ann", "/purchase_a_horse?player=ann"]
            {
                #expect(try await client.execute(uri: uri, method: .get).status == .ok)
            }
            _ = try await client.execute(uri: "/purchase_a_shield?player=bob", method: .get)
            try harness.processPublished()

            let ann = try Self.json(try await client.execute(uri: "/api/shop/inventory/ann", method: .get))
            #expect(ann["items"] as? [String: Int] == ["sword": 2, "horse": 1, "shield": 0])
            #expect(ann["total"] as? Int == 3)

            let nobody = try Self.json(try await client.execute(uri: "/api/shop/inventory/nobody", method: .get))
            #expect(nobody["total"] as? Int == 0)
            #expect(nobody["last_purchase_ts"] is NSNull)

            let bad = try await client.execute(uri: "/api/shop/inventory/bad%20name", method: .get)
            #expect(bad.status == .unprocessableContent)
        }
    }
}
