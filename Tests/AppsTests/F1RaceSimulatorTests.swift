import Apps
import Testing

/// The race simulator's feed is self-consistent: what a leaderboard builds from it is always a
/// proper running order, and the race ends with every car finished or retired.
@Suite struct F1RaceSimulatorTests {
    static func plan(seed: UInt64, laps: Int = 12, drivers: Int = 20) -> [F1RaceSimulator.TimedState] {
        var simulator = F1RaceSimulator(
            raceId: "race-test",
            drivers: Array(F1Driver.grid.prefix(drivers)),
            laps: laps,
            seed: seed
        )
        return simulator.plan()
    }

    @Test(arguments: [1, 2, 3, 42, 2_024] as [UInt64])
    func positionsAlwaysFormARunningOrder(seed: UInt64) {
        let states = Self.plan(seed: seed)
        var latest: [String: F1CarState] = [:]
        var index = 0
        while index < states.count {
            // States published at the same race time belong together (a crossing and the cars it moved).
            let time = states[index].raceTimeMilliseconds
            while index < states.count, states[index].raceTimeMilliseconds == time {
                latest[states[index].state.driver] = states[index].state
                index += 1
            }
            let positions = latest.values.map(\.position).sorted()
            #expect(positions == Array(1...latest.count), "at \(time) ms")
        }
        #expect(latest.count == 20)
        #expect(latest.values.allSatisfy { $0.status == "finished" || $0.status == "retired" })
        let winner = latest.values.first { $0.position == 1 }
        #expect(winner?.lap == 12)
        #expect(winner?.gapToLeaderMs == 0)
    }

    @Test func timesAreOrderedAndLapsLookLikeRacing() {
        let states = Self.plan(seed: 7, laps: 20)
        #expect(zip(states, states.dropFirst()).allSatisfy { $0.raceTimeMilliseconds <= $1.raceTimeMilliseconds })
        let laps = states.compactMap(\.state.lastLapMs)
        #expect(laps.allSatisfy { (80_000...130_000).contains($0) })
        #expect(states.contains { $0.state.status == "pit" })
        #expect(states.allSatisfy { $0.state.raceId == "race-test" && $0.state.totalLaps == 20 })
        // Gaps grow and shrink but never go negative; the car ahead is never behind.
        #expect(states.compactMap(\.state.gapToLeaderMs).allSatisfy { $0 >= 0 })
        #expect(states.compactMap(\.state.intervalMs).allSatisfy { $0 >= 0 })
    }

    @Test func aSeedReplaysTheSameRace() {
        #expect(Self.plan(seed: 99) == Self.plan(seed: 99))
        #expect(Self.plan(seed: 99) != Self.plan(seed: 100))
    }
}
