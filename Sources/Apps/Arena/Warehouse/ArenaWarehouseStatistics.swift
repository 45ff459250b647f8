import Synchronization

/// What the arena ETL workers have done since start-up, for `/api/arena/warehouse` and the page.
public final class ArenaWarehouseStatistics: Sendable {
    /// A snapshot, as the API returns it.
    public struct Snapshot: Codable, Hashable, Sendable {
        public var gamesWritten = 0
        public var rowsWritten: [String: Int] = [:]
        public var filesWritten = 0
        public var deadLetters = 0
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

    /// How many finished games the snapshot lists.
    static let recentGameLimit = 10

    private let state = Mutex(Snapshot())
    private let openGamesPerWorker = Mutex([Int: Int]())

    public init() {}

    /// Counts a write of `games` that added `report`'s files and rows.
    public func record(written games: [ArenaFinishedGame], report: ArenaWarehouse.WriteReport) {
        state.withLock { snapshot in
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
    }

    /// Counts records sent to the dead-letter topic.
    public func record(deadLetters count: Int) {
        state.withLock { $0.deadLetters += count }
    }

    /// Notes how many games `worker` is gathering now.
    public func record(openGames: Int, worker: Int) {
        openGamesPerWorker.withLock { $0[worker] = openGames }
    }

    /// Notes how many workers run.
    public func record(workers: Int) {
        state.withLock { $0.workers = workers }
    }

    /// The counters now.
    public func snapshot() -> Snapshot {
        var snapshot = state.withLock { $0 }
        snapshot.openGames = openGamesPerWorker.withLock { $0.values.reduce(0, +) }
        return snapshot
    }
}
