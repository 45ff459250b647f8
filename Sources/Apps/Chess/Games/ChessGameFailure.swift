/// Why the chess service refused a request; each maps to one HTTP status.
public enum ChessGameFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownGame(String)
    case invalidRequest(String)
    case notAPlayer
    case notYourTurn
    case gameOver
    case gameFull
    case illegalMove(String)

    public var description: String {
        switch self {
        case .unknownGame(let id): "no game with id '\(id)'"
        case .invalidRequest(let reason): reason
        case .notAPlayer: "only the game's players may do that (send the X-Player-Token you were given)"
        case .notYourTurn: "it is not your move: you may only move your own colour"
        case .gameOver: "the game is over"
        case .gameFull: "both seats of this game are taken"
        case .illegalMove(let reason): reason
        }
    }
}
