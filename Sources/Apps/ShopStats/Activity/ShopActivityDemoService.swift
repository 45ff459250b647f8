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
            await produceActivity(try KafkaProducer(configuration: configuration, acknowledgments: .leader))
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
                        topic: ShopActivityEvent.topic,
                        key: Array(event.userId.utf8),
                        value: Array(value)
                    )
                )
            }
            guard (try? await Task.sleep(for: .seconds(1 / activityRate))) != nil else { return }
        }
    }
}
