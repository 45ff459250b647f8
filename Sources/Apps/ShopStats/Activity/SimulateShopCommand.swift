import ArgumentParser
import FastJSON
import Foundation
import KafkaClient
import KafkaCommandLine

/// `kibitz simulate shop`: shoppers' product views, basket changes and purchases to `shop.events`.
public struct SimulateShopCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "shop",
        abstract: "Simulate shoppers, publishing productview, addtobasket, removefrombasket and purchase events.",
        discussion: """
            Events go to shop.events as JSON keyed by user_id, at --rate events per second, until \
            --count events were sent or the command is interrupted.
            """
    )

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "Events per second.")
    var rate = 5.0

    @Option(help: "Stop after this many events (default: run until interrupted).")
    var count: Int?

    @Option(help: "Seed of the shoppers' choices, to replay them exactly (default: random).")
    var seed: UInt64?

    public init() {}

    public func validate() throws {
        guard rate > 0, rate <= 100_000 else { throw ValidationError("--rate must be above 0 and at most 100000") }
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
    }

    public func run() async throws {
        let configuration = try cluster.configuration(defaults: ["message.timeout.ms": "30000"])
        let administrator = try KafkaAdministrator(configuration: configuration)
        _ = try await cluster.metadata(with: administrator)
        let producer = try KafkaProducer(configuration: configuration)
        var simulator = ShopActivitySimulator(seed: seed ?? UInt64.random(in: .min ... .max))
        let encoder = EventJSON.makeEncoder()
        let clock = ContinuousClock()
        let start = clock.now
        var sent = 0
        ClientOutput.report("publishing to \(ShopActivityEvent.topic) at \(rate) events per second")
        while count.map({ sent < $0 }) ?? true {
            let due = start + .milliseconds(Int64(Double(sent) * 1_000 / rate))
            if due > clock.now { try await Task.sleep(until: due, clock: clock) }
            let event = simulator.next(ts: EventJSON.nowMilliseconds())
            try producer.enqueue(
                KafkaProducerMessage(
                    topic: ShopActivityEvent.topic,
                    key: Array(event.userId.utf8),
                    value: Array(try encoder.encode(event))
                )
            )
            sent += 1
            if sent % 1_000 == 0 { ClientOutput.report("\(sent) events") }
        }
        do {
            try await producer.flush(timeout: .seconds(30))
        } catch let error as KafkaError {
            throw CommandFailure("gave up on \(ShopActivityEvent.topic): \(error.message)")
        }
        let statistics = producer.deliveryStatistics
        guard statistics.failed == 0 else {
            throw CommandFailure("\(statistics.failed) of \(sent) events were not delivered")
        }
        ClientOutput.report("published \(sent) events to \(ShopActivityEvent.topic)")
    }
}
