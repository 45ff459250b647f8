import Locking
import Prometheus
import Streams

/// What the arena ETL workers have done since start-up, for `/api/arena/warehouse`, the page and
/// `/metrics`.
public final class ArenaWarehouseStatistics: Sendable {
    /// A snapshot, as the API returns it.
    public struct Snapshot: Codable, Hashable, Sendable {
        public var gamesWritten = 0
        public var rowsWritten: [String: Int] = [:]
        public var filesWritten = 0
        public var deadLetters = 0
        /// Records and games read but not written, by cause.
        public var setAside = ArenaSetAside()
        public var workers = 0
        /// Games whose records are being gathered now, across the workers.
        public var openGames = 0
        /// The last finished games, newest first.
        public var recentGames: [RecentGame] = []
    }

    /// A finished game as the page shows it.
    public struct RecentGame: Codable, Hashable, Sendable {
        public var gameToken: String
        public var cleanedAt: Int64
        public var podium: [GamePodiumRow]
        public var superheroes: [String: UInt16]
    }

    /// The same counts in Prometheus form, in the registry `/metrics` serves.
    private struct Metrics: Sendable {
        let gamesWritten: Counter
        let rowsWritten: [ArenaTable: Counter]
        let filesWritten: Counter
        let deadLetters: Counter
        let ignoredRecords: Counter
        let abandonedGames: Counter
        let repeatedGames: Counter
        let openGames: Gauge

        init(registry: PrometheusCollectorRegistry) {
            func counter(_ name: String, _ help: String, labels: [(String, String)] = []) -> Counter {
                registry.makeCounter(descriptor: Self.descriptor(name, unit: "total", help), labels: labels)
            }
            gamesWritten = counter("games_written", "Finished games written to the warehouse")
            rowsWritten = Dictionary(
                uniqueKeysWithValues: ArenaTable.allCases.map { table in
                    (
                        table,
                        counter(
                            "rows_written",
                            "Rows written to the warehouse, by table",
                            labels: [("table", table.rawValue)]
                        )
                    )
                }
            )
            filesWritten = counter("files_written", "Parquet files written")
            deadLetters = counter("dead_letters", "Records sent to arena-etl.dead-letter")
            ignoredRecords = counter(
                "ignored_records",
                "Records of games not in progress (written before a restart, or published again)"
            )
            abandonedGames = counter("abandoned_games", "Games dropped after an hour of event time without a record")
            repeatedGames = counter("repeated_games", "Games published again after they were written")
            openGames = registry.makeGauge(
                descriptor: Self.descriptor("open_games", unit: "", "Games being gathered now")
            )
        }

        /// The name `arena_etl_NAME_UNIT` (no unit suffix when `unit` is empty).
        static func descriptor(_ name: String, unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "arena", subsystem: "etl", metricName: name, unitName: unit, helpText: help)
        }
    }

    /// How many finished games the snapshot lists.
    static let recentGameLimit = 10

    private struct State {
        var snapshot = Snapshot()
        var openGamesPerWorker: [Int: Int] = [:]
    }

    private let state = Locked(State())
    private let metrics: Metrics
    /// Each new snapshot, for the live channels; a channel that falls behind gets the newest.
    private let broadcaster = ViewBroadcaster<Snapshot>(bufferSize: 1)

    /// - Parameter registry: where the counts are also kept for `/metrics`.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        metrics = Metrics(registry: registry)
    }

    /// Counts a write of `games` that added `report`'s files and rows.
    public func record(written games: [ArenaFinishedGame], report: ArenaWarehouse.WriteReport) {
        update { snapshot in
            snapshot.gamesWritten += games.count
            snapshot.filesWritten += report.files.count
            for (table, rows) in report.rows { snapshot.rowsWritten[table.rawValue, default: 0] += rows }
            let recent = games.suffix(Self.recentGameLimit).reversed().map { game in
                RecentGame(
                    gameToken: game.gameToken,
                    cleanedAt: game.cleanedAt,
                    podium: game.podium,
                    superheroes: Dictionary(game.meta.map { ($0.userToken, $0.superheroId) }) { first, _ in first }
                )
            }
            snapshot.recentGames = Array((recent + snapshot.recentGames).prefix(Self.recentGameLimit))
        }
        metrics.gamesWritten.increment(by: Int64(games.count))
        metrics.filesWritten.increment(by: Int64(report.files.count))
        for (table, rows) in report.rows { metrics.rowsWritten[table]?.increment(by: Int64(rows)) }
    }

    /// Counts records sent to the dead-letter topic.
    public func record(deadLetters count: Int) {
        update { $0.deadLetters += count }
        metrics.deadLetters.increment(by: Int64(count))
    }

    /// Adds what a worker's partitions set aside since its last report.
    public func record(setAside added: ArenaSetAside) {
        update { snapshot in
            snapshot.setAside.ignoredRecords += added.ignoredRecords
            snapshot.setAside.abandonedGames += added.abandonedGames
            snapshot.setAside.repeatedGames += added.repeatedGames
        }
        metrics.ignoredRecords.increment(by: Int64(added.ignoredRecords))
        metrics.abandonedGames.increment(by: Int64(added.abandonedGames))
        metrics.repeatedGames.increment(by: Int64(added.repeatedGames))
    }

    /// Notes how many games `worker` is gathering now.
    public func record(openGames: Int, worker: Int) {
        let total = state.withLock { state in
            state.openGamesPerWorker[worker] = openGames
            let total = state.openGamesPerWorker.values.reduce(0, +)
            if total != state.snapshot.openGames {
                state.snapshot.openGames = total
                publish(state.snapshot)
            }
            return total
        }
        metrics.openGames.set(Int64(total))
    }

    /// Notes how many workers run.
    public func record(workers: Int) {
        update { $0.workers = workers }
    }

    /// The counters now.
    public func snapshot() -> Snapshot {
        state.withLock { $0.snapshot }
    }

    /// The snapshot now, then each new one as the workers report, until the stream is dropped.
    public func snapshots() -> AsyncStream<Snapshot> {
        // Subscribed before the first snapshot is taken, so that no change falls in between.
        let changes = broadcaster.subscribe()
        return .startingWith(snapshot(), then: changes) { $0 }
    }

    /// Changes the snapshot and hands the new one to the live channels, under the lock, so that they
    /// see the snapshots in the order they were made.
    private func update(_ change: (inout Snapshot) -> Void) {
        state.withLock { state in
            change(&state.snapshot)
            publish(state.snapshot)
        }
    }

    private func publish(_ snapshot: Snapshot) {
        if broadcaster.hasSubscribers { broadcaster.publish(snapshot) }
    }
}
