import Streams

/// The Streams pipeline behind the leaderboard: the latest state of every driver and the current
/// race's progress, from `f1.leaderboard.results`.
public final class F1LeaderboardPipeline: Sendable {
    /// The pipeline to hand to a runner (or a test driver).
    public let pipeline: Pipeline
    /// The latest state per driver, of whichever race the driver was last seen in.
    public let cars: LatestByKeyView<String, F1CarState>
    /// The current race, under the single key `current`.
    public let race: LatestByKeyView<String, F1RaceProgress>

    public init() throws {
        let pipeline = Pipeline(name: "f1-leaderboard")
        let states = pipeline.source(F1CarState.topic, as: F1CarState.self, eventTime: \.ts)
        cars = try states.keyBy(\.driver).latest(name: "cars").view()
        race =
            try states
            .keyBy { _ in "current" }
            .aggregate(.fold(F1RaceProgress()) { progress, state in progress.record(state) }, name: "race")
            .view()
        self.pipeline = pipeline
    }

    /// The current race's standings, ordered by position (then by driver, should two claim one place).
    public func standings() -> [F1CarState] {
        let current = race["current"]?.raceId
        return cars.values.values
            .filter { $0.raceId == current }
            .sorted { ($0.position, $0.driver) < ($1.position, $1.driver) }
    }

    /// The current race's progress.
    public func progress() -> F1RaceProgress {
        race["current"] ?? F1RaceProgress()
    }

    /// Fires after every change of a driver's state, for as long as the caller iterates.
    public func changes() -> AsyncStream<Void> {
        let changes = cars.changes()
        return AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let task = Task {
                for await _ in changes { continuation.yield() }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
