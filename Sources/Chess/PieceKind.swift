/// The kind of a chess piece, independent of its colour.
public enum PieceKind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case pawn = 0
    case knight = 1
    case bishop = 2
    case rook = 3
    case queen = 4
    case king = 5

    /// The upper-case letter used by SAN and FEN for white pieces (`P` for pawns).
    public var letter: Character {
        switch self {
        case .pawn: "P"
        case .knight: "N"
        case .bishop: "B"
        case .rook: "R"
        case .queen: "Q"
        case .king: "K"
        }
    }

    /// Parses a piece letter of either case (`"n"` or `"N"` is a knight).
    public init?(letter: Character) {
        switch letter {
        case "P", "p": self = .pawn
        case "N", "n": self = .knight
        case "B", "b": self = .bishop
        case "R", "r": self = .rook
        case "Q", "q": self = .queen
        case "K", "k": self = .king
        default: return nil
        }
    }

    /// The lower-case English name, e.g. `"knight"`.
    public var description: String {
        switch self {
        case .pawn: "pawn"
        case .knight: "knight"
        case .bishop: "bishop"
        case .rook: "rook"
        case .queen: "queen"
        case .king: "king"
        }
    }
}
