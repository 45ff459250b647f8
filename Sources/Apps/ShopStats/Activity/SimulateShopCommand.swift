import ArgumentParser
import FastJSON
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
        var publisher = try await PacedPublisher(cluster: cluster, rate: rate)
        var simulator = ShopActivitySimulator(seed: seed ?? UInt64.random(in: .min ... .max))
        ClientOutput.report("publishing to \(ShopActivityEvent.topic) at \(rate) events per second")
        while count.map({ publisher.sent < $0 }) ?? true {
            try await publisher.waitForTurn()
            let event = simulator.next(ts: EventJSON.nowMilliseconds())
            try publisher.send(event, key: event.userId)
            if publisher.sent % 1_000 == 0 { ClientOutput.report("\(publisher.sent) events") }
        }
        try await publisher.finish(topic: ShopActivityEvent.topic, timeout: .seconds(30), what: "events")
        ClientOutput.report("published \(publisher.sent) events to \(ShopActivityEvent.topic)")
    }
}
