import FastJSON
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
        await DemoLoop(name: "race", bootstrap: bootstrap, logger: logger).run { configuration in
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
        }
    }
}
