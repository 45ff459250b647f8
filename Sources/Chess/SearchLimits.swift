/// What bounds a search: depth, nodes, a fixed time per move, or the game clock (UCI's `go` arguments).
public struct SearchLimits: Sendable, Hashable {
    /// The deepest iteration to search, in plies.
    public var depth: Int?
    /// Stop after about this many nodes.
    public var nodes: Int?
    /// Think exactly this long (minus a small safety margin).
    public var moveTime: Duration?
    /// White's remaining clock time (UCI's `wtime`; `btime`, `winc` and `binc` follow).
    public var whiteTime: Duration?
    /// Black's remaining clock time.
    public var blackTime: Duration?
    /// White's increment per move.
    public var whiteIncrement: Duration?
    /// Black's increment per move.
    public var blackIncrement: Duration?
    /// Moves until the next time control, if any.
    public var movesToGo: Int?
    /// Search until told to stop (`go infinite`).
    public var infinite = false

    /// Makes limits; with none set the search runs until `stop()` (or its maximum depth).
    public init(
        depth: Int? = nil,
        nodes: Int? = nil,
        moveTime: Duration? = nil,
        whiteTime: Duration? = nil,
        blackTime: Duration? = nil,
        whiteIncrement: Duration? = nil,
        blackIncrement: Duration? = nil,
        movesToGo: Int? = nil,
        infinite: Bool = false
    ) {
        self.depth = depth
        self.nodes = nodes
        self.moveTime = moveTime
        self.whiteTime = whiteTime
        self.blackTime = blackTime
        self.whiteIncrement = whiteIncrement
        self.blackIncrement = blackIncrement
        self.movesToGo = movesToGo
        self.infinite = infinite
    }

    /// A search to a fixed depth.
    public static func depth(_ depth: Int) -> SearchLimits { SearchLimits(depth: depth) }

    /// A search for a fixed time.
    public static func moveTime(_ time: Duration) -> SearchLimits { SearchLimits(moveTime: time) }

    /// A sensible thinking time for the web app's opponent at a level (1-10): the weak levels are
    /// capped by depth anyway and answer at once; full strength thinks for a second.
    public static func forLevel(_ level: Int) -> SearchLimits {
        SearchLimits(moveTime: level >= 10 ? .seconds(1) : .milliseconds(100 + 50 * max(level, 1)))
    }

    /// The soft budget (do not start a new iteration after it) and the hard deadline, for the side to move.
    func timeBudget(for side: Color) -> (soft: Duration, hard: Duration)? {
        if infinite { return nil }
        if let moveTime {
            let usable = max(moveTime - .milliseconds(15), .milliseconds(1))
            return (usable, usable)
        }
        guard let remaining = side == .white ? whiteTime : blackTime else { return nil }
        let increment = (side == .white ? whiteIncrement : blackIncrement) ?? .zero
        let overhead = Duration.milliseconds(30)
        let available = max(remaining - overhead, .milliseconds(1))
        let share = available / max(movesToGo ?? 30, 1) + increment * 3 / 4
        let soft = min(share, available / 2)
        let hard = min(share * 3, available / 2)
        return (soft, max(hard, soft))
    }
}
