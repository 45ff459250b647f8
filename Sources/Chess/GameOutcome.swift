/// How a finished game ended: who won (if anyone) and why.
public struct GameOutcome: Sendable, Hashable, CustomStringConvertible {
    /// Why a game ended.
    public enum Reason: String, Sendable, Hashable {
        case checkmate
        case stalemate
        case insufficientMaterial = "insufficient_material"
        case fiftyMoveRule = "fifty_move_rule"
        case threefoldRepetition = "threefold_repetition"
        case seventyFiveMoveRule = "seventy_five_move_rule"
        case fivefoldRepetition = "fivefold_repetition"
        case resignation
        case agreement
        case timeForfeit = "time_forfeit"
        /// Nobody played for too long; the game ends without a winner or a draw.
        case abandoned
    }

    /// The winner, or nil for a draw.
    public let winner: Color?
    /// Why the game ended.
    public let reason: Reason

    /// Makes an outcome; `winner` is nil for a draw.
    public init(winner: Color?, reason: Reason) {
        self.winner = winner
        self.reason = reason
    }

    /// The PGN result token: `1-0`, `0-1`, `1/2-1/2`, or `*` for an abandoned game, which has none.
    public var result: String {
        if reason == .abandoned { return "*" }
        return switch winner {
        case .white: "1-0"
        case .black: "0-1"
        case nil: "1/2-1/2"
        }
    }

    public var description: String { "\(result) (\(reason.rawValue))" }
}
