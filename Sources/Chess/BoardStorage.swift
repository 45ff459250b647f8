/// Fixed-size, allocation-free storage for a position: eight bitboards and a 64-square mailbox.
///
/// Tuples keep the whole position inline (so copying a `Position` never touches the heap and
/// mutation never triggers copy-on-write checks); the subscripts read them through raw pointers,
/// which the optimizer turns into plain loads and stores.
struct BoardStorage: Sendable, Equatable {
    /// Bitboards 0-5 are the piece kinds (both colours), 6 and 7 the white and black pieces.
    private var boards: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// One byte per square: 0 when empty, else `Piece.code`.
    private var mailbox: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

    init() {}

    /// The bitboard of a piece kind (0-5) of both colours.
    @inline(__always) func kind(_ index: Int) -> UInt64 {
        withUnsafeBytes(of: boards) { $0.load(fromByteOffset: index &* 8, as: UInt64.self) }
    }

    /// The bitboard of a colour's pieces (0 white, 1 black).
    @inline(__always) func color(_ index: Int) -> UInt64 {
        withUnsafeBytes(of: boards) { $0.load(fromByteOffset: (6 &+ index) &* 8, as: UInt64.self) }
    }

    /// All occupied squares.
    @inline(__always) var occupied: UInt64 { boards.6 | boards.7 }

    /// The mailbox code on a square (0 = empty).
    @inline(__always) func code(at square: Int) -> UInt8 {
        withUnsafeBytes(of: mailbox) { $0.load(fromByteOffset: square, as: UInt8.self) }
    }

    @inline(__always) private mutating func toggle(board index: Int, _ mask: UInt64) {
        withUnsafeMutableBytes(of: &boards) { bytes in
            let offset = index &* 8
            bytes.storeBytes(
                of: bytes.load(fromByteOffset: offset, as: UInt64.self) ^ mask,
                toByteOffset: offset,
                as: UInt64.self
            )
        }
    }

    @inline(__always) private mutating func setCode(_ code: UInt8, at square: Int) {
        withUnsafeMutableBytes(of: &mailbox) { $0.storeBytes(of: code, toByteOffset: square, as: UInt8.self) }
    }

    /// Puts a piece (by code) on an empty square.
    @inline(__always) mutating func put(_ code: UInt8, at square: Int) {
        let mask = UInt64.square(square)
        toggle(board: Int(code & 7) &- 1, mask)
        toggle(board: 6 &+ Int(code &>> 3), mask)
        setCode(code, at: square)
    }

    /// Removes the piece (by code) standing on a square.
    @inline(__always) mutating func remove(_ code: UInt8, at square: Int) {
        let mask = UInt64.square(square)
        toggle(board: Int(code & 7) &- 1, mask)
        toggle(board: 6 &+ Int(code &>> 3), mask)
        setCode(0, at: square)
    }

    /// Moves the piece (by code) from one square to an empty square.
    @inline(__always) mutating func move(_ code: UInt8, from: Int, to: Int) {
        let mask = UInt64.square(from) | UInt64.square(to)
        toggle(board: Int(code & 7) &- 1, mask)
        toggle(board: 6 &+ Int(code &>> 3), mask)
        setCode(0, at: from)
        setCode(code, at: to)
    }

    static func == (lhs: BoardStorage, rhs: BoardStorage) -> Bool {
        (0..<6).allSatisfy { lhs.kind($0) == rhs.kind($0) } && lhs.color(0) == rhs.color(0)
            && lhs.color(1) == rhs.color(1)
    }
}
