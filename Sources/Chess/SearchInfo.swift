/// A search score: centipawns, or a forced mate in some number of moves.
public enum SearchScore: Sendable, Hashable, CustomStringConvertible {
    /// Centipawns for the side to move.
    case centipawns(Int)
    /// Mate in this many moves: positive when the side to move mates, negative when it is mated.
    case mate(Int)

    /// UCI's `score` argument: `cp 34` or `mate -3`.
    public var uci: String {
        switch self {
        case .centipawns(let value): "cp \(value)"
        case .mate(let moves): "mate \(moves)"
        }
    }

    public var description: String { uci }
}

/// Progress of a search after each completed iteration (UCI's `info` line).
public struct SearchInfo: Sendable {
    /// The depth just completed.
    public let depth: Int
    /// The deepest ply reached, quiescence included.
    public let selectiveDepth: Int
    /// The score of the best move.
    public let score: SearchScore
    /// Nodes searched so far.
    public let nodes: Int
    /// Time since the search started.
    public let elapsed: Duration
    /// The principal variation, best move first.
    public let principalVariation: [Move]

    /// Nodes per second so far.
    public var nodesPerSecond: Int {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Int(Double(nodes) / seconds) : 0
    }
}

/// The outcome of a search: the move to play and what the engine thinks of it.
public struct SearchResult: Sendable {
    /// The move chosen, or nil when the side to move has no legal move.
    public let bestMove: Move?
    /// The expected reply, if known.
    public let ponderMove: Move?
    /// The score of the best move, for the side to move.
    public let score: SearchScore
    /// The deepest completed iteration.
    public let depth: Int
    /// Nodes searched.
    public let nodes: Int
}
