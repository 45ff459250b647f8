import FastJSON
import KafkaClient
import Logging
import ServiceLifecycle

/// `kibitz serve --demo`'s arena: a few players fighting games, their server log produced through
/// the Kafka protocol to the server's own port, so the ETL workers have games to write.
struct ArenaDemoService: Service {
    let bootstrap: String
    var players = 16
    /// Log records per second: a game of four takes about ten seconds.
    var rate = 20.0
    let logger: Logger

    func run() async throws {
        await DemoLoop(name: "arena", bootstrap: bootstrap, logger: logger).run { configuration in
            let producer = try KafkaProducer(configuration: configuration, acknowledgments: .leader)
            var publisher = PacedPublisher(producer: producer, rate: rate)
            var simulator = ArenaSimulator(seed: UInt64.random(in: .min ... .max), players: players)
            while !Task.isCancelled, let record = simulator.next(ts: EventJSON.nowMilliseconds()) {
                try await publisher.waitForTurn()
                try publisher.send(record, key: record.gameToken)
            }
        }
    }
}
