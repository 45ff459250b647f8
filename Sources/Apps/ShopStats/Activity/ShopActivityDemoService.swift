import FastJSON
import KafkaClient
import Logging
import ServiceLifecycle

/// `kibitz serve --demo`'s shoppers: a steady stream of product views, basket changes and purchases
/// to `shop.events`, produced through the Kafka protocol to the server's own port.
struct ShopActivityDemoService: Service {
    let bootstrap: String
    /// Activity events per second.
    var activityRate = 3.0
    let logger: Logger

    func run() async throws {
        await DemoLoop(name: "shop-activity", bootstrap: bootstrap, logger: logger).run { configuration in
            let producer = try KafkaProducer(configuration: configuration, acknowledgments: .leader)
            var publisher = PacedPublisher(producer: producer, rate: activityRate)
            var simulator = ShopActivitySimulator(seed: UInt64.random(in: .min ... .max))
            while !Task.isCancelled {
                try await publisher.waitForTurn()
                let event = simulator.next(ts: EventJSON.nowMilliseconds())
                try publisher.send(event, key: event.userId)
            }
        }
    }
}
