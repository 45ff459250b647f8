/// The side a piece belongs to, or the side to move.
public enum Color: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case white = 0
    case black = 1

    /// The other side.
    @inlinable public var opposite: Color { self == .white ? .black : .white }

    /// `"w"` or `"b"`, as in FEN.
    public var description: String { self == .white ? "w" : "b" }

    /// The PGN/English name of the side: `"white"` or `"black"`.
    public var name: String { self == .white ? "white" : "black" }
}
