import Foundation
import Logging
import ServiceLifecycle

/// Ends the chess games nobody has moved in or joined for a while, with reason `abandoned`, so
/// that they stop counting as active and their memory is bounded.
public struct ChessAbandonmentService: Service {
    private let store: ChessGameStore
    private let idleTime: TimeInterval
    private let logger: Logger

    /// - Parameter idleTime: seconds without a move or a join after which a game is abandoned.
    public init(store: ChessGameStore, idleTime: TimeInterval, logger: Logger) {
        self.store = store
        self.idleTime = idleTime
        self.logger = logger
    }

    /// A tenth of the idle time, from 0.2 s to a minute: a game ends at most about 10% late.
    var checkInterval: Duration { .seconds(min(60, max(0.2, idleTime / 10))) }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: checkInterval)
                } catch {
                    return
                }
                do {
                    let ended = try await store.endAbandonedGames(idleFor: idleTime)
                    if !ended.isEmpty {
                        logger.info("ended abandoned chess games", metadata: ["count": "\(ended.count)"])
                    }
                } catch {
                    logger.warning("could not end abandoned chess games", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
