/// Why a FEN, a move or a PGN text was rejected; the message says what is wrong.
public enum ChessError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidFEN(String)
    case illegalMove(String)
    case invalidPGN(String)

    public var description: String {
        switch self {
        case .invalidFEN(let reason): "invalid FEN: \(reason)"
        case .illegalMove(let reason): "illegal move: \(reason)"
        case .invalidPGN(let reason): "invalid PGN: \(reason)"
        }
    }
}
