import Apps
import KafkaClient
import Logging
import ServiceLifecycle

/// `kibitz serve --demo`'s race simulator: produces through the Kafka protocol to the server's own
/// broker port, as an outside game server would, and starts a new race a little after each ends.
struct RaceDemoService: Service {
    let bootstrap: String
    var laps = 20
    var speed = 10.0
    /// Seconds between the end of a race and the start of the next.
    var pauseBetweenRaces = 15.0
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            // Deliveries give up quickly, so a shutdown never waits on an unreachable broker.
            let configuration = KafkaConfiguration(
                bootstrapServers: bootstrap,
                properties: ["log_level": "0", "message.timeout.ms": "5000", "client.id": "kibitz-race-demo"]
            )
            while !Task.isCancelled {
                do {
                    let publisher = RaceStatePublisher(producer: try KafkaProducer(configuration: configuration))
                    let raceId = F1RaceSimulator.newRaceId()
                    var simulator = F1RaceSimulator(
                        raceId: raceId,
                        drivers: F1Driver.grid,
                        laps: laps,
                        seed: UInt64.random(in: .min ... .max)
                    )
                    logger.info("demo race starting", metadata: ["race": "\(raceId)", "laps": "\(laps)"])
                    try await F1RaceSimulator.play(simulator.plan(), speed: speed, publish: publisher.publish)
                    try await Task.sleep(for: .seconds(pauseBetweenRaces))
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("demo race failed; starting another", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .seconds(5))
                }
            }
        }
    }
}
