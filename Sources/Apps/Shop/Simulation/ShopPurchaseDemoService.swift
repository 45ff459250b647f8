import FastJSON
import Foundation
import KafkaClient
import Logging
import ServiceLifecycle

/// `kibitz serve --demo`'s Build a Nation players: purchases now and then, produced through the
/// Kafka protocol to the server's own port.
struct ShopPurchaseDemoService: Service {
    let bootstrap: String
    /// Seconds between Build a Nation purchases, drawn at random from the range.
    var pauseBetweenPurchases: ClosedRange<Double> = 2...6
    let logger: Logger

    static let players = ["player-1", "aldric", "brynja", "cassian", "dagny"]

    func run() async throws {
        await DemoLoop(name: "shop", bootstrap: bootstrap, logger: logger).run { configuration in
            var publisher = PacedPublisher(
                producer: try KafkaProducer(configuration: configuration, acknowledgments: .leader)
            )
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(Double.random(in: pauseBetweenPurchases)))
                let player = Self.players.randomElement()!
                let purchase = ShopPurchaseEvent(
                    player: player,
                    item: ShopItem.allCases.randomElement()!.rawValue,
                    ts: EventJSON.nowMilliseconds(),
                    purchaseId: UUID().uuidString.lowercased()
                )
                try publisher.send(purchase, key: player)
            }
        }
    }
}
