/// What `make` changed that `unmake` cannot recompute.
struct UndoState {
    var captured: UInt8
    var castlingRights: CastlingRights
    var enPassantIndex: Int
    var halfmoveClock: Int
    var zobristKey: UInt64
}

extension Position {
    /// Plays a legal move in place. The move must come from this position's legal moves.
    public mutating func play(_ move: Move) {
        _ = make(move, AttackTables.shared)
    }

    /// The position after a legal move.
    public func playing(_ move: Move) -> Position {
        var next = self
        next.play(move)
        return next
    }

    /// Passes the turn without moving (a "null move", used by the search's null-move pruning).
    mutating func makeNullMove(_ tables: AttackTables) -> UndoState {
        let undo = UndoState(
            captured: 0,
            castlingRights: castlingRights,
            enPassantIndex: enPassantIndex,
            halfmoveClock: halfmoveClock,
            zobristKey: zobristKey
        )
        if enPassantIndex < 64 {
            zobristKey ^= tables.enPassantKeys[enPassantIndex & 7]
            enPassantIndex = 64
        }
        zobristKey ^= tables.blackToMoveKey
        sideToMove = sideToMove.opposite
        halfmoveClock &+= 1
        return undo
    }

    mutating func unmakeNullMove(_ undo: UndoState) {
        sideToMove = sideToMove.opposite
        enPassantIndex = undo.enPassantIndex
        halfmoveClock = undo.halfmoveClock
        zobristKey = undo.zobristKey
    }

    /// Castling rights lost when a piece leaves or lands on a square (king and rook home squares).
    @inline(__always) private static func castlingRightsLost(_ square: Int) -> UInt8 {
        switch square {
        case 0: 2
        case 4: 3
        case 7: 1
        case 56: 8
        case 60: 12
        case 63: 4
        default: 0
        }
    }

    /// Makes a legal move, updating the Zobrist key incrementally; returns what `unmake` needs.
    @inline(__always)
    mutating func make(_ move: Move, _ tables: AttackTables) -> UndoState {
        let from = move.fromIndex
        let to = move.toIndex
        let kind = move.kindBits
        let code = board.code(at: from)
        let us = Int(sideToMove.rawValue)
        var key = zobristKey ^ tables.blackToMoveKey
        var undo = UndoState(
            captured: board.code(at: to),
            castlingRights: castlingRights,
            enPassantIndex: enPassantIndex,
            halfmoveClock: halfmoveClock,
            zobristKey: zobristKey
        )
        if enPassantIndex < 64 {
            key ^= tables.enPassantKeys[enPassantIndex & 7]
            enPassantIndex = 64
        }
        halfmoveClock &+= 1

        if kind == Move.Kind.castling {
            let rookCode = code &- 5 &+ 3  // same colour, kind rook
            let (rookFrom, rookTo) = to > from ? (from &+ 3, from &+ 1) : (from &- 4, from &- 1)
            board.move(code, from: from, to: to)
            board.move(rookCode, from: rookFrom, to: rookTo)
            key ^= tables.pieceKeys[Int(code) &* 64 &+ from] ^ tables.pieceKeys[Int(code) &* 64 &+ to]
            key ^= tables.pieceKeys[Int(rookCode) &* 64 &+ rookFrom] ^ tables.pieceKeys[Int(rookCode) &* 64 &+ rookTo]
        } else {
            if kind == Move.Kind.enPassant {
                let captureSquare = to ^ 8
                let capturedCode = board.code(at: captureSquare)
                undo.captured = capturedCode
                board.remove(capturedCode, at: captureSquare)
                key ^= tables.pieceKeys[Int(capturedCode) &* 64 &+ captureSquare]
            } else if undo.captured != 0 {
                board.remove(undo.captured, at: to)
                key ^= tables.pieceKeys[Int(undo.captured) &* 64 &+ to]
                halfmoveClock = 0
            }
            board.move(code, from: from, to: to)
            key ^= tables.pieceKeys[Int(code) &* 64 &+ from] ^ tables.pieceKeys[Int(code) &* 64 &+ to]
            if code & 7 == 1 {  // a pawn
                halfmoveClock = 0
                if kind >= Move.Kind.promotionBase {
                    let promoted = (code & 8) | UInt8(truncatingIfNeeded: kind &- Move.Kind.promotionBase &+ 2)
                    board.remove(code, at: to)
                    board.put(promoted, at: to)
                    key ^= tables.pieceKeys[Int(code) &* 64 &+ to] ^ tables.pieceKeys[Int(promoted) &* 64 &+ to]
                } else if from ^ to == 16 {
                    // Record the en passant square only when a capture there is really legal.
                    let target = (from &+ to) &>> 1
                    var candidates = tables.pawnAttacks(us, target) & board.kind(0) & board.color(us ^ 1)
                    sideToMove = sideToMove.opposite
                    while candidates != 0 {
                        if isLegalEnPassant(from: candidates.popLowestSquare(), to: target, tables) {
                            enPassantIndex = target
                            key ^= tables.enPassantKeys[target & 7]
                            break
                        }
                    }
                    sideToMove = sideToMove.opposite
                }
            }
        }

        let lost = Self.castlingRightsLost(from) | Self.castlingRightsLost(to)
        if lost != 0 && castlingRights.rawValue & lost != 0 {
            key ^= tables.castlingKeys[Int(castlingRights.rawValue)]
            castlingRights = CastlingRights(rawValue: castlingRights.rawValue & ~lost)
            key ^= tables.castlingKeys[Int(castlingRights.rawValue)]
        }
        if us == 1 { fullmoveNumber &+= 1 }
        sideToMove = sideToMove.opposite
        zobristKey = key
        return undo
    }

    /// Takes back a move made with `make`.
    @inline(__always)
    mutating func unmake(_ move: Move, _ undo: UndoState) {
        let from = move.fromIndex
        let to = move.toIndex
        let kind = move.kindBits
        sideToMove = sideToMove.opposite
        if sideToMove == .black { fullmoveNumber &-= 1 }
        castlingRights = undo.castlingRights
        enPassantIndex = undo.enPassantIndex
        halfmoveClock = undo.halfmoveClock
        zobristKey = undo.zobristKey

        let code = board.code(at: to)
        if kind == Move.Kind.castling {
            let rookCode = code &- 5 &+ 3
            let (rookFrom, rookTo) = to > from ? (from &+ 3, from &+ 1) : (from &- 4, from &- 1)
            board.move(code, from: to, to: from)
            board.move(rookCode, from: rookTo, to: rookFrom)
            return
        }
        if kind >= Move.Kind.promotionBase {
            board.remove(code, at: to)
            board.put((code & 8) | 1, at: from)
        } else {
            board.move(code, from: to, to: from)
        }
        if kind == Move.Kind.enPassant {
            board.put(undo.captured, at: to ^ 8)
        } else if undo.captured != 0 {
            board.put(undo.captured, at: to)
        }
    }

    /// Whether the side to move may capture en passant from `from` onto `to` without exposing its king.
    ///
    /// Both pawns leave their squares at once, so a rook on the same rank can become a checker
    /// (the horizontal pin) and a diagonal pin can open; both are caught by recomputing attackers.
    @inline(__always)
    func isLegalEnPassant(from: Int, to: Int, _ tables: AttackTables) -> Bool {
        let us = Int(sideToMove.rawValue)
        let captureSquare = to ^ 8
        let opponents = board.color(us ^ 1)
        let occupied = (board.occupied ^ UInt64.square(from) ^ UInt64.square(captureSquare)) | UInt64.square(to)
        let kingSquare = (board.kind(5) & board.color(us)).lowestSquare
        let attackers =
            (tables.rookAttacks(kingSquare, occupied) & (board.kind(3) | board.kind(4)))
            | (tables.bishopAttacks(kingSquare, occupied) & (board.kind(2) | board.kind(4)))
            | (tables.knight[kingSquare] & board.kind(1))
            | (tables.pawnAttacks(us, kingSquare) & board.kind(0) & ~UInt64.square(captureSquare))
        return attackers & opponents == 0
    }
}
