import Apps
import Foundation
import KafkaClient
import Logging
import ServiceLifecycle

/// `kibitz serve --demo`'s shoppers: Build a Nation purchases by a few players now and then, and a
/// steady stream of shop activity, produced through the Kafka protocol to the server's own port.
struct ShopDemoService: Service {
    let bootstrap: String
    /// Activity events per second to `shop.events`.
    var activityRate = 3.0
    /// Seconds between Build a Nation purchases, drawn at random from the range.
    var pauseBetweenPurchases: ClosedRange<Double> = 2...6
    let logger: Logger

    static let players = ["player-1", "aldric", "brynja", "cassian", "dagny"]

    func run() async throws {
        await DemoLoop(name: "shop", bootstrap: bootstrap, logger: logger).run { configuration in
            let producer = try KafkaProducer(configuration: configuration, acknowledgments: .leader)
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await produceActivity(producer) }
                group.addTask { await producePurchases(producer) }
                await group.waitForAll()
            }
        }
    }

    private func produceActivity(_ producer: KafkaProducer) async {
        var simulator = ShopActivitySimulator(seed: UInt64.random(in: .min ... .max))
        let encoder = EventJSON.makeEncoder()
        while !Task.isCancelled {
            let event = simulator.next(ts: EventJSON.nowMilliseconds())
            if let value = try? encoder.encode(event) {
                try? producer.enqueue(
                    KafkaProducerMessage(
                        topic: ShopActivitySimulator.topic,
                        key: Array(event.userId.utf8),
                        value: Array(value)
                    )
                )
            }
            guard (try? await Task.sleep(for: .seconds(1 / activityRate))) != nil else { return }
        }
    }

    private func producePurchases(_ producer: KafkaProducer) async {
        let encoder = EventJSON.makeEncoder()
        while !Task.isCancelled {
            guard (try? await Task.sleep(for: .seconds(Double.random(in: pauseBetweenPurchases)))) != nil else {
                return
            }
            let player = Self.players.randomElement()!
            let purchase = ShopPurchaseEvent(
                player: player,
                item: ShopItem.allCases.randomElement()!.rawValue,
                ts: EventJSON.nowMilliseconds(),
                purchaseId: UUID().uuidString.lowercased()
            )
            if let value = try? encoder.encode(purchase) {
                try? producer.enqueue(
                    KafkaProducerMessage(
                        topic: ShopInventoryPipeline.topic,
                        key: Array(player.utf8),
                        value: Array(value)
                    )
                )
            }
        }
    }
}
