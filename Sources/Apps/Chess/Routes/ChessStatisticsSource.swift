/// Where the dashboard's numbers come from: the Streams layer's chess statistics views.
public protocol ChessStatisticsSource: Sendable {
    /// The statistics now.
    func current() async -> ChessDashboardStatistics
    /// Every change from now on.
    func changes() async -> AsyncStream<ChessDashboardStatistics>
}

/// The body of `GET /api/chess/stats` and of the dashboard channel.
public struct ChessDashboardStatistics: Codable, Sendable, Equatable {
    public struct MinuteCount: Codable, Sendable, Equatable {
        /// Start of the minute, milliseconds since the epoch.
        public var minute: Int64
        public var count: Int

        public init(minute: Int64, count: Int) {
            self.minute = minute
            self.count = count
        }
    }

    public var activeGames: Int
    public var completedToday: Int
    public var movesLastMinute: Int
    /// The latest moves across all games, newest first.
    public var recentMoves: [ChessMoveEvent]
    public var resultCounts: [String: Int]
    /// Moves per minute over the last hour, oldest first.
    public var movesPerMinute: [MinuteCount]

    public init(
        activeGames: Int = 0,
        completedToday: Int = 0,
        movesLastMinute: Int = 0,
        recentMoves: [ChessMoveEvent] = [],
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
