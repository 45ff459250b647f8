import Hummingbird
import Streams

/// The body of `GET /api/chess/stats` and of the dashboard channel.
public struct ChessDashboardStatistics: Codable, Sendable, Equatable, ResponseEncodable {
    public var activeGames: Int
    public var completedToday: Int
    public var movesLastMinute: Int
    /// The latest moves across all games, newest first.
    public var recentMoves: [ChessMoveEvent]
    public var resultCounts: [String: Int]
    /// Moves per minute over the last hour, oldest first.
    public var movesPerMinute: [MinuteCount]
    /// Moves per second over the last two minutes, oldest first: what a live page adds the
    /// channel's `second` changes to.
    public var movesPerSecond: [SecondCount]

    public init(
        activeGames: Int = 0,
        completedToday: Int = 0,
        movesLastMinute: Int = 0,
        recentMoves: [ChessMoveEvent] = [],
        resultCounts: [String: Int] = [:],
        movesPerMinute: [MinuteCount] = [],
        movesPerSecond: [SecondCount] = []
    ) {
        self.activeGames = activeGames
        self.completedToday = completedToday
        self.movesLastMinute = movesLastMinute
        self.recentMoves = recentMoves
        self.resultCounts = resultCounts
        self.movesPerMinute = movesPerMinute
        self.movesPerSecond = movesPerSecond
    }
}
