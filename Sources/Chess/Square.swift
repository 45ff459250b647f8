/// One of the 64 squares, numbered from a1 = 0, b1 = 1, ... h8 = 63 (little-endian rank-file mapping).
public struct Square: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The index 0...63 (a1 = 0, h1 = 7, a8 = 56).
    public let index: Int

    /// Makes a square from its index; the index must be in 0...63.
    @inlinable public init(_ index: Int) {
        precondition(index >= 0 && index < 64, "square index out of range")
        self.index = index
    }

    /// Makes a square from a file (0 = a) and a rank (0 = first rank), or nil when off the board.
    @inlinable public init?(file: Int, rank: Int) {
        guard (0..<8).contains(file), (0..<8).contains(rank) else { return nil }
        self.index = rank * 8 + file
    }

    /// Parses a square name such as `"e4"`.
    public init?(_ name: some StringProtocol) {
        let scalars = Array(name.unicodeScalars)
        guard scalars.count == 2,
            let fileValue = scalars.first?.value, let rankValue = scalars.last?.value,
            (97...104).contains(fileValue), (49...56).contains(rankValue)
        else { return nil }
        self.index = Int(rankValue - 49) * 8 + Int(fileValue - 97)
    }

    /// The file, 0 (a) to 7 (h).
    @inlinable public var file: Int { index & 7 }
    /// The rank, 0 (first) to 7 (eighth).
    @inlinable public var rank: Int { index >> 3 }

    /// The square's name, such as `"e4"`.
    public var description: String {
        String(UnicodeScalar(UInt8(97 + file))) + String(UnicodeScalar(UInt8(49 + rank)))
    }

    /// The letter of the file, such as `"e"`.
    public var fileName: String { String(UnicodeScalar(UInt8(97 + file))) }
    /// The digit of the rank, such as `"4"`.
    public var rankName: String { String(UnicodeScalar(UInt8(49 + rank))) }

    public static func < (lhs: Square, rhs: Square) -> Bool { lhs.index < rhs.index }
}
