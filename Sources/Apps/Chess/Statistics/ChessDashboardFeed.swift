import Locking
import Streams

/// What the chess dashboard's channel sends: the statistics, then every change of the statistics
/// views as the pipeline applies it, without polling and without recomputing the whole.
///
/// A page that reads slower than the moves arrive lets changes pile up to `capacity`; beyond it
/// they are dropped and the page is sent a whole new snapshot once there is room again.
public struct ChessDashboardFeed: Sendable {
    let statistics: ChessStatistics
    /// Unsent changes a channel holds before it resynchronises its page with a snapshot.
    let capacity: Int

    public init(statistics: ChessStatistics, capacity: Int = 4_096) {
        self.statistics = statistics
        self.capacity = capacity
    }

    /// The statistics now: `GET /api/chess/stats` and each channel's first message.
    public func snapshot() -> ChessDashboardStatistics {
        statistics.snapshot()
    }

    /// A channel's messages, until the stream is dropped.
    public func messages() -> AsyncStream<ChessDashboardMessage> {
        // Subscribed before the snapshot is taken, so that no change falls between the two.
        let moves = statistics.recentMoves.changes()
        let activeGames = statistics.activeGames.changes()
        let completed = statistics.completedPerDay.changes()
        let results = statistics.resultCounts.changes()
        let seconds = statistics.movesPerSecond.changes()
        let statistics = self.statistics
        return AsyncStream(bufferingPolicy: .bufferingOldest(capacity)) { continuation in
            continuation.yield(.snapshot(statistics.snapshot()))
            let behind = Locked(false)
            @Sendable func send(_ message: ChessDashboardMessage) {
                if behind.withLock({ $0 }) {
                    guard case .enqueued = continuation.yield(.snapshot(statistics.snapshot())) else { return }
                    behind.withLock { $0 = false }
                    return
                }
                if case .dropped = continuation.yield(message) { behind.withLock { $0 = true } }
            }
            let tasks = [
                Task { for await move in moves { send(.move(move)) } },
                Task { for await _ in activeGames { send(.activeGames(statistics.activeGames.count)) } },
                Task {
                    for await change in completed { send(.completed(day: change.key, count: Int(change.value ?? 0))) }
                },
                Task { for await change in results { send(.result(change.key, count: Int(change.value ?? 0))) } },
                Task { for await change in seconds { send(.second(change.key, count: change.value?.count)) } },
            ]
            continuation.onTermination = { _ in
                for task in tasks { task.cancel() }
            }
        }
    }
}
