/// A chess position: piece placement, side to move, castling rights, en passant square and move clocks.
///
/// `Position` is a value type with fixed-size inline storage, so copies are cheap and never allocate.
/// The en passant square is kept only when an en passant capture is actually legal (as python-chess
/// and the FIDE repetition rule see it), so equal positions have equal FENs and Zobrist keys.
public struct Position: Sendable, Hashable, CustomStringConvertible {
    var board = BoardStorage()
    /// The side whose turn it is.
    public internal(set) var sideToMove: Color = .white
    /// The castling moves still allowed.
    public internal(set) var castlingRights: CastlingRights = []
    /// The en passant target square index, or 64 when none.
    var enPassantIndex: Int = 64
    /// Plies since the last capture or pawn move (for the fifty-move rule).
    public internal(set) var halfmoveClock: Int = 0
    /// The move number, starting at 1 and incremented after black moves.
    public internal(set) var fullmoveNumber: Int = 1
    /// The Zobrist hash of placement, side to move, castling rights and en passant file.
    public internal(set) var zobristKey: UInt64 = 0

    /// The FEN of the standard starting position.
    public static let startingFEN = "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1"

    /// The standard starting position.
    public init() {
        // The starting FEN is known to be valid.
        self = try! Position(fen: Position.startingFEN)
    }

    /// An empty board, white to move; filled in by the FEN parser.
    init(empty: Void) {}

    /// The piece on a square, if any.
    public subscript(square: Square) -> Piece? {
        let code = board.code(at: square.index)
        return code == 0 ? nil : Piece(code: code)
    }

    /// The square where an en passant capture is possible right now, if any.
    public var enPassantSquare: Square? { enPassantIndex < 64 ? Square(enPassantIndex) : nil }

    /// The squares holding pieces of the given colour and kind.
    public func squares(of piece: Piece) -> [Square] {
        var mask = board.kind(Int(piece.kind.rawValue)) & board.color(Int(piece.color.rawValue))
        var result: [Square] = []
        while mask != 0 { result.append(Square(mask.popLowestSquare())) }
        return result
    }

    /// The square of the given side's king.
    public func kingSquare(of color: Color) -> Square {
        Square((board.kind(5) & board.color(Int(color.rawValue))).lowestSquare)
    }

    /// The number of pieces of the given colour and kind on the board.
    public func count(of piece: Piece) -> Int {
        (board.kind(Int(piece.kind.rawValue)) & board.color(Int(piece.color.rawValue))).nonzeroBitCount
    }

    public var description: String { fen }

    public static func == (lhs: Position, rhs: Position) -> Bool {
        lhs.board == rhs.board && lhs.sideToMove == rhs.sideToMove && lhs.castlingRights == rhs.castlingRights
            && lhs.enPassantIndex == rhs.enPassantIndex && lhs.halfmoveClock == rhs.halfmoveClock
            && lhs.fullmoveNumber == rhs.fullmoveNumber
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(zobristKey)
        hasher.combine(halfmoveClock)
        hasher.combine(fullmoveNumber)
    }

    /// Computes the Zobrist key from scratch (make/unmake update it incrementally).
    func computeKey(_ tables: AttackTables) -> UInt64 {
        var key: UInt64 = 0
        var occupied = board.occupied
        while occupied != 0 {
            let square = occupied.popLowestSquare()
            key ^= tables.pieceKeys[Int(board.code(at: square)) * 64 + square]
        }
        if sideToMove == .black { key ^= tables.blackToMoveKey }
        key ^= tables.castlingKeys[Int(castlingRights.rawValue)]
        if enPassantIndex < 64 { key ^= tables.enPassantKeys[enPassantIndex & 7] }
        return key
    }
}
