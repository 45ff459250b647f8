import Foundation
import Streams

/// The dashboard's statistics, read from the Streams layer's chess statistics views.
///
/// Changes of the views are coalesced: a burst of moves becomes one update per `interval`, so a
/// busy dashboard costs the server a bounded number of messages per second.
public struct StreamsChessStatistics: ChessStatisticsSource {
    private let statistics: ChessStatistics
    private let interval: Duration

    public init(statistics: ChessStatistics, interval: Duration = .milliseconds(100)) {
        self.statistics = statistics
        self.interval = interval
    }

    public func current() async -> ChessDashboardStatistics {
        let snapshot = statistics.snapshot()
        return ChessDashboardStatistics(
            activeGames: snapshot.activeGames,
            completedToday: Int(snapshot.completedToday),
            movesLastMinute: Int(snapshot.movesLastMinute),
            recentMoves: snapshot.recentMoves.reversed(),
            resultCounts: snapshot.resultCounts.mapValues { Int($0) },
            movesPerMinute: snapshot.movesPerMinute
        )
    }

    public func changes() async -> AsyncStream<ChessDashboardStatistics> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: ChessDashboardStatistics.self,
            bufferingPolicy: .bufferingNewest(1)
        )
        let statistics = self.statistics
        let interval = self.interval
        let source = self
        let task = Task {
            let signals = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            let watchers = [
                Task { for await _ in statistics.recentMoves.changes() { signals.continuation.yield() } },
                Task { for await _ in statistics.activeGames.changes() { signals.continuation.yield() } },
                Task { for await _ in statistics.resultCounts.changes() { signals.continuation.yield() } },
            ]
            defer { for watcher in watchers { watcher.cancel() } }
            for await _ in signals.stream {
                continuation.yield(await source.current())
                try? await Task.sleep(for: interval)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
