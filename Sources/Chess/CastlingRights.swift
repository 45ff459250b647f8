/// Which castling moves are still allowed (the king and that rook have not moved).
public struct CastlingRights: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue & 15 }

    /// White may castle short (O-O).
    public static let whiteKingside = CastlingRights(rawValue: 1)
    /// White may castle long (O-O-O).
    public static let whiteQueenside = CastlingRights(rawValue: 2)
    /// Black may castle short (O-O).
    public static let blackKingside = CastlingRights(rawValue: 4)
    /// Black may castle long (O-O-O).
    public static let blackQueenside = CastlingRights(rawValue: 8)
    /// Every right, as at the start of a game.
    public static let all: CastlingRights = [.whiteKingside, .whiteQueenside, .blackKingside, .blackQueenside]

    /// The FEN field: `"KQkq"`, a subset of it, or `"-"`.
    public var description: String {
        var text = ""
        if contains(.whiteKingside) { text += "K" }
        if contains(.whiteQueenside) { text += "Q" }
        if contains(.blackKingside) { text += "k" }
        if contains(.blackQueenside) { text += "q" }
        return text.isEmpty ? "-" : text
    }
}
