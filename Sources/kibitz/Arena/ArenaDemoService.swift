import Apps
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
        await cancelWhenGracefulShutdown {
            // Deliveries give up quickly, so a shutdown never waits on an unreachable broker.
            let configuration = KafkaConfiguration(
                bootstrapServers: bootstrap,
                properties: ["log_level": "0", "message.timeout.ms": "5000", "client.id": "kibitz-arena-demo"]
            )
            while !Task.isCancelled {
                do {
                    let producer = try KafkaProducer(configuration: configuration, acknowledgments: .leader)
                    var simulator = ArenaSimulator(seed: UInt64.random(in: .min ... .max), players: players)
                    let encoder = EventJSON.makeEncoder()
                    while !Task.isCancelled, let record = simulator.next(ts: EventJSON.nowMilliseconds()) {
                        try producer.enqueue(KafkaProducerMessage(record, encoder: encoder))
                        try await Task.sleep(for: .seconds(1 / rate))
                    }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("arena demo failed; starting again", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .seconds(5))
                }
            }
        }
    }
}
