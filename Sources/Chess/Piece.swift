/// A chess piece: a kind and a colour.
public struct Piece: Sendable, Hashable, CustomStringConvertible {
    /// Whose piece it is.
    public let color: Color
    /// What kind of piece it is.
    public let kind: PieceKind

    /// Makes a piece of the given colour and kind.
    public init(_ color: Color, _ kind: PieceKind) {
        self.color = color
        self.kind = kind
    }

    /// Parses a FEN piece letter: upper case is white, lower case is black.
    public init?(fenLetter: Character) {
        guard let kind = PieceKind(letter: fenLetter) else { return nil }
        self.init(fenLetter.isUppercase ? .white : .black, kind)
    }

    /// The FEN letter: upper case for white, lower case for black.
    public var fenLetter: Character {
        color == .white ? kind.letter : Character(kind.letter.lowercased())
    }

    public var description: String { String(fenLetter) }

    /// The compact code stored in the board's mailbox: colour in bit 3, kind + 1 in bits 0-2; 0 means empty.
    @inlinable var code: UInt8 { (color.rawValue << 3) | (kind.rawValue + 1) }

    /// Decodes a non-zero mailbox code.
    @inlinable init(code: UInt8) {
        self.color = Color(rawValue: code >> 3)!
        self.kind = PieceKind(rawValue: (code & 7) - 1)!
    }
}
