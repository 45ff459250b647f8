import Foundation
import Streams

/// The live chess statistics: a pipeline over `games` and `moves` and the views the web layer reads.
///
/// - active games: the latest event per game, with a game removed when it ends;
/// - games completed per UTC day and games by result: running counts;
/// - moves per second of event time, pruned behind the watermark, summed over the last minute;
/// - the last 50 moves; moves per game;
/// - a one-minute tumbling count of moves per game, to the `chess.moves_per_minute` topic.
public final class ChessStatistics: Sendable {
    /// The pipeline's name, its checkpoint directory and the prefix of its dead-letter topic.
    public static let pipelineName = "chess-statistics"
    /// The sink of the one-minute tumbling count per game.
    public static let movesPerMinuteTopic = "chess.moves_per_minute"

    /// The pipeline to run (in `kibitz serve`, or a `TestDriver`).
    public let pipeline: Pipeline
    /// Started games that have not ended, by game id.
    public let activeGames: LatestByKeyView<String, ChessGameEvent>
    /// Ended games per UTC day ("2026-11-23").
    public let completedPerDay: LatestByKeyView<String, Int64>
    /// Ended games by result.
    public let resultCounts: LatestByKeyView<String, Int64>
    /// Moves per game.
    public let movesPerGame: LatestByKeyView<String, Int64>
    /// Moves per second of event time (seconds since the epoch), over the last hour and a minute.
    public let movesPerSecond: LatestByKeyView<Int64, SecondCount>
    /// The last 50 moves.
    public let recentMoves: RecentEventsView<ChessMoveEvent>

    /// Builds the pipeline and its views.
    public init(configuration: PipelineConfiguration = PipelineConfiguration()) throws {
        let pipeline = Pipeline(name: Self.pipelineName, configuration: configuration)
        let games = pipeline.source(ChessGameEvent.topic, as: ChessGameEvent.self, eventTime: \.ts)
        let moves = pipeline.source(ChessMoveEvent.topic, as: ChessMoveEvent.self, eventTime: \.ts)

        activeGames = try games.keyBy(\.gameID)
            .latest(name: "active-games", removingWhen: { $0.event == .ended })
            .view()
        let ended = games.filter { $0.event == .ended }
        completedPerDay = try ended.keyBy { Self.day(of: $0.ts) }.count(name: "completed-per-day").view()
        resultCounts = try ended.keyBy { $0.result ?? "unknown" }.count(name: "result-counts").view()
        movesPerGame = try moves.keyBy(\.gameID).count(name: "moves-per-game").view()
        movesPerSecond = try moves.process(RecentSecondCounts(keptMilliseconds: 3_660_000), name: "moves-per-second")
            .keyBy(\.second)
            .latest(name: "moves-per-second.table", removingWhen: { $0.count == nil })
            .view()
        recentMoves = try moves.lastEvents(50, name: "recent-moves")
        try moves.keyBy(\.gameID)
            .window(.tumbling(.seconds(60)))
            .count(name: "moves-per-minute")
            .sink(topic: Self.movesPerMinuteTopic, key: \.key)
        self.pipeline = pipeline
    }

    /// The statistics as of `now` (wall clock by default; "today" and "the last minute" are relative to it).
    public func snapshot(now: Date = Date()) -> ChessDashboardStatistics {
        let nowMilliseconds = Int64(now.timeIntervalSince1970 * 1_000)
        let currentSecond = Windowing.floor(nowMilliseconds, 1_000) / 1_000
        let perSecond = movesPerSecond.values
        let lastMinute = perSecond.reduce(into: Int64(0)) { sum, entry in
            if entry.key > currentSecond - 60, entry.key <= currentSecond { sum += entry.value.count ?? 0 }
        }
        // The chart's hour: sixty whole minutes ending with the current one, empty ones included.
        let currentMinute = Windowing.floor(nowMilliseconds, 60_000) / 60_000
        var perMinute = [Int64](repeating: 0, count: 60)
        for (second, count) in perSecond {
            let slot = Int(second / 60 - (currentMinute - 59))
            if perMinute.indices.contains(slot) { perMinute[slot] += count.count ?? 0 }
        }
        return ChessDashboardStatistics(
            activeGames: activeGames.count,
            completedToday: Int(completedPerDay[Self.day(of: nowMilliseconds)] ?? 0),
            movesLastMinute: Int(lastMinute),
            recentMoves: recentMoves.events.reversed(),
            resultCounts: resultCounts.values.mapValues { Int($0) },
            movesPerMinute: perMinute.enumerated().map { slot, count in
                MinuteCount(minute: (currentMinute - 59 + Int64(slot)) * 60_000, count: count)
            },
            movesPerSecond: perSecond.values.filter { $0.second > currentSecond - 120 }.sorted { $0.second < $1.second }
        )
    }

    /// The UTC calendar day of a time in milliseconds, as "YYYY-MM-DD".
    static func day(of milliseconds: Int64) -> String {
        UTCDate(milliseconds: milliseconds).description
    }
}
