import Logging
import ServiceLifecycle

/// Plays engine-against-engine games at a modest pace, so the dashboards are alive on first start.
public struct ChessDemoService: Service {
    private let store: ChessGameStore
    private let concurrentGames: Int
    private let pauseBetweenMoves: ClosedRange<Double>
    private let logger: Logger

    /// - Parameters:
    ///   - concurrentGames: games in progress at any time.
    ///   - pauseBetweenMoves: seconds between a game's moves, drawn at random from the range.
    public init(
        store: ChessGameStore,
        concurrentGames: Int = 3,
        pauseBetweenMoves: ClosedRange<Double> = 1.0...3.0,
        logger: Logger
    ) {
        self.store = store
        self.concurrentGames = concurrentGames
        self.pauseBetweenMoves = pauseBetweenMoves
        self.logger = logger
    }

    public func run() async throws {
        // A graceful shutdown cancels the games, so that sleeping between moves ends at once.
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for table in 0..<concurrentGames {
                    group.addTask { await playGamesForever(table: table) }
                }
                await group.waitForAll()
            }
        }
    }

    private func playGamesForever(table: Int) async {
        while !Task.isCancelled {
            do {
                let gameID = try await store.createDemoGame(
                    whiteLevel: Int.random(in: 1...6),
                    blackLevel: Int.random(in: 1...6)
                )
                while !(await store.isOver(gameID: gameID)) {
                    try await Task.sleep(for: .seconds(Double.random(in: pauseBetweenMoves)))
                    try await store.playEngineMove(gameID: gameID)
                }
                try await Task.sleep(for: .seconds(Double.random(in: pauseBetweenMoves)))
            } catch is CancellationError {
                return
            } catch {
                logger.warning(
                    "demo game failed; starting another",
                    metadata: ["table": "\(table)", "error": "\(error)"]
                )
                try? await Task.sleep(for: .seconds(5))
            }
        }
    }
}
