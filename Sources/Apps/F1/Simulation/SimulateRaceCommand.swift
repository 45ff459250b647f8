import ArgumentParser
import FastJSON
import KafkaClient
import KafkaCommandLine

/// `kibitz simulate race`: an F1 race whose timing states go to `f1.leaderboard.results`.
public struct SimulateRaceCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "race",
        abstract: "Simulate F1 races, publishing every car's state to f1.leaderboard.results.",
        discussion: """
            Each line crossing publishes the car's position, gap, interval, lap times, tyre, pit stops \
            and status as JSON keyed by race_id, as a live timing feed would. The leader's progress \
            goes to stderr once a lap.
            """
    )

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "Cars on the grid, 2 to \(F1Driver.grid.count).")
    var drivers = F1Driver.grid.count

    @Option(help: "Laps of each race.")
    var laps = 20

    @Option(help: "How many times faster than real time the race runs (10: a 90 s lap takes 9 s).")
    var speed = 10.0

    @Option(help: "Races to run one after another; 0 runs until interrupted.")
    var races = 1

    @Option(help: "Seed of the first race, to replay it exactly (default: random).")
    var seed: UInt64?

    public init() {}

    public func validate() throws {
        guard (2...F1Driver.grid.count).contains(drivers) else {
            throw ValidationError("--drivers must be 2 to \(F1Driver.grid.count), not \(drivers)")
        }
        guard (1...200).contains(laps) else { throw ValidationError("--laps must be 1 to 200, not \(laps)") }
        guard speed > 0, speed <= 10_000 else { throw ValidationError("--speed must be above 0 and at most 10000") }
        guard races >= 0 else { throw ValidationError("--races must be 0 or more") }
    }

    public func run() async throws {
        let publisher = RaceStatePublisher(producer: try await PacedPublisher(cluster: cluster).producer)
        var raceNumber = 0
        while races == 0 || raceNumber < races {
            let raceId = F1RaceSimulator.newRaceId()
            var simulator = F1RaceSimulator(
                raceId: raceId,
                drivers: Array(F1Driver.grid.prefix(drivers)),
                laps: laps,
                seed: seed.map { $0 &+ UInt64(raceNumber) } ?? UInt64.random(in: .min ... .max)
            )
            ClientOutput.report("race \(raceId): \(drivers) cars, \(laps) laps, \(speed)x real time")
            var reportedLap = -1
            var count = 0
            do {
                try await F1RaceSimulator.play(simulator.plan(), speed: speed, publish: publisher.publish) { state in
                    count += 1
                    guard state.position == 1, state.lap != reportedLap else { return }
                    reportedLap = state.lap
                    ClientOutput.report("lap \(state.lap)/\(laps): \(state.driver) leads (\(state.team ?? ""))")
                }
            } catch let error as KafkaError {
                throw PacedPublisher.gaveUp(on: F1CarState.topic, error)
            }
            ClientOutput.report("race \(raceId) finished: \(count) states published")
            raceNumber += 1
        }
    }
}
