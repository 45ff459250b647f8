/// Why the chess service refused a request; each maps to one HTTP status.
public enum ChessGameFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownGame(String)
    case notJoinable
    /// A field of a well-formed request has a value outside the allowed ones.
    case invalidValue(field: String, allowed: String)
    case notAPlayer
    case notYourTurn
    case gameOver
    case gameFull
    case illegalMove(String)

    public var description: String {
        switch self {
        case .unknownGame(let id): "no game with id '\(id)'"
        case .notJoinable: "only friend games can be joined"
        case .invalidValue(let field, let allowed): "'\(field)' must be \(allowed)"
        case .notAPlayer: "only the game's players may do that (send the X-Player-Token you were given)"
        case .notYourTurn: "it is not your move: you may only move your own colour"
        case .gameOver: "the game is over"
        case .gameFull: "both seats of this game are taken"
        case .illegalMove(let reason): reason
        }
    }
}
