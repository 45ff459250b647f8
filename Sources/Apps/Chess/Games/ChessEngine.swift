import Chess

/// How the server's opponent picks its moves at a playing level.
enum ChessEngine {
    /// Thinking time per move: deeper levels are capped by depth, full strength by the clock.
    static func limits(level: Int) -> SearchLimits {
        .moveTime(.milliseconds(level >= 10 ? 1_000 : 150 + 40 * level))
    }

    /// The engine's move, or nil when the side to move has none.
    static func chooseMove(in game: Game, level: Int) -> Move? {
        Search(hashMegabytes: 8).search(game, limits: limits(level: level), level: level).bestMove
            ?? game.position.legalMoves.first
    }
}
