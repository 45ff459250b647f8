/// A move, packed in 16 bits: from-square, to-square and a kind (normal, castling, en passant, promotion).
///
/// Castling is encoded as the king's move (e1g1), matching UCI notation. A `Move` only makes sense
/// together with the position it was generated in; use `Position.legalMoves` or `Position.move(uci:)`
/// to obtain one.
public struct Move: Sendable, Hashable, CustomStringConvertible {
    /// The packed bits: from (0-5), to (6-11), kind (12-15).
    public let rawValue: UInt16

    /// Kinds stored in the top four bits.
    @usableFromInline enum Kind {
        static let normal: UInt16 = 0
        static let castling: UInt16 = 1
        static let enPassant: UInt16 = 2
        /// Promotions are 4 + (piece kind - 1): knight 4, bishop 5, rook 6, queen 7.
        static let promotionBase: UInt16 = 4
    }

    /// The absent move (a1a1); never legal, used as "no move" in tables.
    public static let none = Move(rawValue: 0)

    /// Wraps packed bits.
    @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }

    @inline(__always) init(from: Int, to: Int, kind: UInt16 = Kind.normal) {
        rawValue = UInt16(truncatingIfNeeded: from) | (UInt16(truncatingIfNeeded: to) << 6) | (kind << 12)
    }

    @inline(__always) var fromIndex: Int { Int(rawValue & 63) }
    @inline(__always) var toIndex: Int { Int((rawValue >> 6) & 63) }
    @inline(__always) var kindBits: UInt16 { rawValue >> 12 }

    /// The square the moving piece leaves.
    public var from: Square { Square(fromIndex) }
    /// The square the moving piece arrives on (for castling, the king's destination).
    public var to: Square { Square(toIndex) }
    /// The piece a pawn promotes to, if this is a promotion.
    public var promotion: PieceKind? {
        kindBits >= Kind.promotionBase ? PieceKind(rawValue: UInt8(kindBits - Kind.promotionBase + 1)) : nil
    }
    /// True for castling (encoded as the king's two-square move).
    public var isCastling: Bool { kindBits == Kind.castling }
    /// True for an en passant capture.
    public var isEnPassant: Bool { kindBits == Kind.enPassant }

    /// UCI long algebraic notation, such as `"e2e4"` or `"e7e8q"`.
    public var uci: String {
        var text = from.description + to.description
        if let promotion { text.append(Character(promotion.letter.lowercased())) }
        return text
    }

    public var description: String { uci }
}
