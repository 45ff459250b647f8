import Streams

/// Where the dashboard's numbers come from: the Streams layer's chess statistics views.
public protocol ChessStatisticsSource: Sendable {
    /// The statistics now.
    func current() async -> ChessDashboardStatistics
    /// Every change from now on.
    func changes() async -> AsyncStream<ChessDashboardStatistics>
}

/// The body of `GET /api/chess/stats` and of the dashboard channel.
public struct ChessDashboardStatistics: Codable, Sendable, Equatable {
    public var activeGames: Int
    public var completedToday: Int
    public var movesLastMinute: Int
    /// The latest moves across all games, newest first.
    public var recentMoves: [MoveEvent]
    public var resultCounts: [String: Int]
    /// Moves per minute over the last hour, oldest first.
    public var movesPerMinute: [MinuteCount]

    public init(
        activeGames: Int = 0,
        completedToday: Int = 0,
        movesLastMinute: Int = 0,
        recentMoves: [MoveEvent] = [],
        resultCounts: [String: Int] = [:],
        movesPerMinute: [MinuteCount] = []
    ) {
        self.activeGames = activeGames
        self.completedToday = completedToday
        self.movesLastMinute = movesLastMinute
        self.recentMoves = recentMoves
        self.resultCounts = resultCounts
        self.movesPerMinute = movesPerMinute
    }
}
