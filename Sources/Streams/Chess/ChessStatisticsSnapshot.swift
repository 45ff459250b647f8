/// The numbers behind `GET /api/chess/stats`, encoded with DESIGN.md's snake_case names.
public struct ChessStatisticsSnapshot: Codable, Hashable, Sendable {
    /// Games started and not ended.
    public var activeGames: Int
    /// Games that ended today (UTC, by the event's time).
    public var completedToday: Int64
    /// Moves whose event time is within the last minute.
    public var movesLastMinute: Int64
    /// The last 50 moves across all games, oldest first.
    public var recentMoves: [MoveEvent]
    /// Ended games by result ("1-0", "0-1", "1/2-1/2", ...).
    public var resultCounts: [String: Int64]
    /// Moves per game so far.
    public var movesPerGame: [String: Int64]
    /// Moves per minute over the last hour, oldest first, with empty minutes as zero.
    public var movesPerMinute: [MinuteCount]

    public init(
        activeGames: Int,
        completedToday: Int64,
        movesLastMinute: Int64,
        recentMoves: [MoveEvent],
        resultCounts: [String: Int64],
        movesPerGame: [String: Int64],
        movesPerMinute: [MinuteCount]
    ) {
        self.activeGames = activeGames
        self.completedToday = completedToday
        self.movesLastMinute = movesLastMinute
        self.recentMoves = recentMoves
        self.resultCounts = resultCounts
        self.movesPerGame = movesPerGame
        self.movesPerMinute = movesPerMinute
    }

    enum CodingKeys: String, CodingKey {
        case activeGames = "active_games"
        case completedToday = "completed_today"
        case movesLastMinute = "moves_last_minute"
        case recentMoves = "recent_moves"
        case resultCounts = "result_counts"
        case movesPerGame = "moves_per_game"
        case movesPerMinute = "moves_per_minute"
    }
}
