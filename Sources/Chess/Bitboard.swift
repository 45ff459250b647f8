/// A set of squares as a 64-bit mask: bit `n` is square `n` (a1 = bit 0).
typealias Bitboard = UInt64

extension UInt64 {
    /// The mask holding only the given square.
    @inline(__always) static func square(_ index: Int) -> UInt64 { 1 &<< UInt64(truncatingIfNeeded: index) }

    /// The index of the lowest set bit; the mask must not be empty.
    @inline(__always) var lowestSquare: Int { trailingZeroBitCount }

    /// Removes and returns the lowest set square; the mask must not be empty.
    @inline(__always) mutating func popLowestSquare() -> Int {
        let index = trailingZeroBitCount
        self &= self &- 1
        return index
    }

    /// True when more than one square is set.
    @inline(__always) var hasMoreThanOne: Bool { self & (self &- 1) != 0 }

    /// True when the given square is set.
    @inline(__always) func contains(square index: Int) -> Bool { (self &>> UInt64(truncatingIfNeeded: index)) & 1 != 0 }
}

/// Masks of files and ranks used by the move generator and the evaluation.
enum BoardMask {
    static let fileA: UInt64 = 0x0101_0101_0101_0101
    static let fileH: UInt64 = fileA << 7
    static let rank1: UInt64 = 0xFF
    static let rank2: UInt64 = rank1 << 8
    static let rank3: UInt64 = rank1 << 16
    static let rank6: UInt64 = rank1 << 40
    static let rank7: UInt64 = rank1 << 48
    static let rank8: UInt64 = rank1 << 56
    static let darkSquares: UInt64 = 0xAA55_AA55_AA55_AA55
    static let lightSquares: UInt64 = ~darkSquares
}
