import Foundation

extension F1RaceSimulator {
    /// A fresh race id, such as `race-4f9c2a1e`.
    public static func newRaceId() -> String {
        "race-" + UUID().uuidString.prefix(8).lowercased()
    }

    /// Publishes planned states at their race times, `speed` times faster than real time, each
    /// stamped with the wall-clock `ts` of its publication.
    ///
    /// - Parameter progress: called with each state after it was published, e.g. to print the leader.
    public static func play(
        _ states: [TimedState],
        speed: Double,
        publish: (F1CarState) async throws -> Void,
        progress: (F1CarState) -> Void = { _ in }
    ) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        for timed in states {
            let due = start + .milliseconds(Int64(Double(timed.raceTimeMilliseconds) / max(speed, 0.001)))
            if due > clock.now { try await Task.sleep(until: due, clock: clock) }
            var state = timed.state
            state.ts = Int64(Date().timeIntervalSince1970 * 1_000)
            try await publish(state)
            progress(state)
        }
    }
}
