/// Generates strictly legal moves with check and pin masks, so no move has to be tried and taken back.
///
/// The generator computes, once per position, the squares the opponent attacks (with our king lifted
/// off the board), the pieces giving check and our pinned pieces. King moves avoid attacked squares,
/// other pieces must capture or block a single checker, pinned pieces stay on their pin line, and en
/// passant is verified by removing both pawns and looking for a slider (the rank-pin case).
/// Because every generated move is legal, perft counts leaves without making the last moves.
public struct MoveGenerator: Sendable {
    /// The largest number of legal moves in any chess position is 218; buffers hold 256.
    public static let maximumMoves = 256

    let tables: AttackTables

    /// Makes a generator backed by the shared attack tables.
    public init() { tables = AttackTables.shared }

    /// All legal moves of the side to move.
    public func legalMoves(in position: Position) -> [Move] {
        withUnsafeTemporaryAllocation(of: Move.self, capacity: Self.maximumMoves) { buffer in
            let count = generate(position, into: buffer.baseAddress!, noisyOnly: false)
            return Array(buffer.prefix(count))
        }
    }

    /// The number of legal moves of the side to move.
    public func legalMoveCount(in position: Position) -> Int {
        withUnsafeTemporaryAllocation(of: Move.self, capacity: Self.maximumMoves) { buffer in
            generate(position, into: buffer.baseAddress!, noisyOnly: false)
        }
    }

    /// The enemy pieces attacking the side to move's king.
    @inline(__always) func checkers(of position: Position) -> UInt64 {
        let us = Int(position.sideToMove.rawValue)
        let board = position.board
        let opponents = board.color(us ^ 1)
        let occupied = board.occupied
        let kingSquare = (board.kind(5) & board.color(us)).lowestSquare
        return (tables.knight[kingSquare] & board.kind(1) & opponents)
            | (tables.pawnAttacks(us, kingSquare) & board.kind(0) & opponents)
            | (tables.rookAttacks(kingSquare, occupied) & (board.kind(3) | board.kind(4)) & opponents)
            | (tables.bishopAttacks(kingSquare, occupied) & (board.kind(2) | board.kind(4)) & opponents)
    }

    /// Writes the legal moves into `moves` (room for `maximumMoves`) and returns how many there are.
    ///
    /// With `noisyOnly`, and when not in check, only captures and queen promotions are generated
    /// (the quiescence search's moves); in check, all evasions are generated either way.
    @inline(__always)
    func generate(_ position: Position, into moves: UnsafeMutablePointer<Move>, noisyOnly: Bool) -> Int {
        let tables = self.tables
        let board = position.board
        let us = Int(position.sideToMove.rawValue)
        let them = us ^ 1
        let own = board.color(us)
        let opponents = board.color(them)
        let occupied = own | opponents
        let pawns = board.kind(0)
        let knights = board.kind(1)
        let diagonal = board.kind(2) | board.kind(4)
        let orthogonal = board.kind(3) | board.kind(4)
        let kings = board.kind(5)
        let kingSquare = (kings & own).lowestSquare
        let theirPawns = pawns & opponents
        let theirDiagonal = diagonal & opponents
        let theirOrthogonal = orthogonal & opponents
        var count = 0

        // Squares the opponent attacks, seen through our king so it cannot step back along a ray.
        let occupiedWithoutKing = occupied ^ UInt64.square(kingSquare)
        var danger: UInt64 =
            us == 0
            ? ((theirPawns & ~BoardMask.fileA) &>> 9) | ((theirPawns & ~BoardMask.fileH) &>> 7)
            : ((theirPawns & ~BoardMask.fileA) &<< 7) | ((theirPawns & ~BoardMask.fileH) &<< 9)
        danger |= tables.king[(kings & opponents).lowestSquare]
        var pieces = knights & opponents
        while pieces != 0 { danger |= tables.knight[pieces.popLowestSquare()] }
        pieces = theirDiagonal
        while pieces != 0 { danger |= tables.bishopAttacks(pieces.popLowestSquare(), occupiedWithoutKing) }
        pieces = theirOrthogonal
        while pieces != 0 { danger |= tables.rookAttacks(pieces.popLowestSquare(), occupiedWithoutKing) }

        var checkers: UInt64 = 0
        if danger.contains(square: kingSquare) {
            checkers =
                (tables.knight[kingSquare] & knights & opponents)
                | (tables.pawnAttacks(us, kingSquare) & theirPawns)
                | (tables.rookAttacks(kingSquare, occupied) & theirOrthogonal)
                | (tables.bishopAttacks(kingSquare, occupied) & theirDiagonal)
        }
        let noisy = noisyOnly && checkers == 0
        let captureFilter: UInt64 = noisy ? opponents : ~0

        var targets = tables.king[kingSquare] & ~own & ~danger & captureFilter
        while targets != 0 {
            moves[count] = Move(from: kingSquare, to: targets.popLowestSquare())
            count &+= 1
        }
        if checkers.hasMoreThanOne { return count }

        // Where a non-king piece may go: anywhere, or onto the checking ray or checker.
        let evasion: UInt64 =
            checkers == 0 ? ~0 : tables.betweenSquares(kingSquare, checkers.lowestSquare) | checkers
        let pieceTargets = ~own & evasion & captureFilter

        var pinned: UInt64 = 0
        var snipers =
            (tables.rookAttacks(kingSquare, opponents) & theirOrthogonal)
            | (tables.bishopAttacks(kingSquare, opponents) & theirDiagonal)
        while snipers != 0 {
            let blockers = tables.betweenSquares(kingSquare, snipers.popLowestSquare()) & occupied
            if blockers != 0 && !blockers.hasMoreThanOne && blockers & own != 0 { pinned |= blockers }
        }

        pieces = knights & own & ~pinned
        while pieces != 0 {
            let from = pieces.popLowestSquare()
            var attacks = tables.knight[from] & pieceTargets
            while attacks != 0 {
                moves[count] = Move(from: from, to: attacks.popLowestSquare())
                count &+= 1
            }
        }
        pieces = diagonal & own
        while pieces != 0 {
            let from = pieces.popLowestSquare()
            var attacks = tables.bishopAttacks(from, occupied) & pieceTargets
            if pinned.contains(square: from) { attacks &= tables.lineThrough(kingSquare, from) }
            while attacks != 0 {
                moves[count] = Move(from: from, to: attacks.popLowestSquare())
                count &+= 1
            }
        }
        pieces = orthogonal & own
        while pieces != 0 {
            let from = pieces.popLowestSquare()
            var attacks = tables.rookAttacks(from, occupied) & pieceTargets
            if pinned.contains(square: from) { attacks &= tables.lineThrough(kingSquare, from) }
            while attacks != 0 {
                moves[count] = Move(from: from, to: attacks.popLowestSquare())
                count &+= 1
            }
        }

        // Pawns: unpinned ones set-wise by shifting, pinned ones one by one along their pin line.
        let ourPawns = pawns & own
        let empty = ~occupied
        let promotionRank = us == 0 ? BoardMask.rank8 : BoardMask.rank1
        let up = us == 0 ? 8 : -8
        let free = ourPawns & ~pinned
        let singlePushes = (us == 0 ? free &<< 8 : free &>> 8) & empty
        let doubleSource = singlePushes & (us == 0 ? BoardMask.rank3 : BoardMask.rank6)
        var doublePushes = (us == 0 ? doubleSource &<< 8 : doubleSource &>> 8) & empty & evasion
        var pushes = singlePushes & evasion
        let westCaptures =
            (us == 0 ? (free & ~BoardMask.fileA) &<< 7 : (free & ~BoardMask.fileA) &>> 9) & opponents & evasion
        let eastCaptures =
            (us == 0 ? (free & ~BoardMask.fileH) &<< 9 : (free & ~BoardMask.fileH) &>> 7) & opponents & evasion

        var promotions = pushes & promotionRank
        while promotions != 0 {
            let to = promotions.popLowestSquare()
            count = Self.addPromotions(from: to &- up, to: to, moves, count, queenOnly: noisy)
        }
        promotions = westCaptures & promotionRank
        while promotions != 0 {
            let to = promotions.popLowestSquare()
            count = Self.addPromotions(from: to &- up &+ 1, to: to, moves, count, queenOnly: noisy)
        }
        promotions = eastCaptures & promotionRank
        while promotions != 0 {
            let to = promotions.popLowestSquare()
            count = Self.addPromotions(from: to &- up &- 1, to: to, moves, count, queenOnly: noisy)
        }
        var captures = westCaptures & ~promotionRank
        while captures != 0 {
            let to = captures.popLowestSquare()
            moves[count] = Move(from: to &- up &+ 1, to: to)
            count &+= 1
        }
        captures = eastCaptures & ~promotionRank
        while captures != 0 {
            let to = captures.popLowestSquare()
            moves[count] = Move(from: to &- up &- 1, to: to)
            count &+= 1
        }
        if !noisy {
            pushes &= ~promotionRank
            while pushes != 0 {
                let to = pushes.popLowestSquare()
                moves[count] = Move(from: to &- up, to: to)
                count &+= 1
            }
            while doublePushes != 0 {
                let to = doublePushes.popLowestSquare()
                moves[count] = Move(from: to &- up &- up, to: to)
                count &+= 1
            }
        }

        var pinnedPawns = ourPawns & pinned
        while pinnedPawns != 0 {
            let from = pinnedPawns.popLowestSquare()
            let pinLine = tables.lineThrough(kingSquare, from)
            let one = from &+ up
            if !noisy && empty.contains(square: one) && pinLine.contains(square: one) {
                if evasion.contains(square: one) {
                    if promotionRank.contains(square: one) {
                        count = Self.addPromotions(from: from, to: one, moves, count, queenOnly: noisy)
                    } else {
                        moves[count] = Move(from: from, to: one)
                        count &+= 1
                    }
                }
                let two = one &+ up
                let startRank = us == 0 ? BoardMask.rank2 : BoardMask.rank7
                if startRank.contains(square: from) && empty.contains(square: two) && evasion.contains(square: two) {
                    moves[count] = Move(from: from, to: two)
                    count &+= 1
                }
            }
            var pinnedCaptures = tables.pawnAttacks(us, from) & opponents & evasion & pinLine
            while pinnedCaptures != 0 {
                let to = pinnedCaptures.popLowestSquare()
                if promotionRank.contains(square: to) {
                    count = Self.addPromotions(from: from, to: to, moves, count, queenOnly: noisy)
                } else {
                    moves[count] = Move(from: from, to: to)
                    count &+= 1
                }
            }
        }

        let enPassant = position.enPassantIndex
        if enPassant < 64 {
            var candidates = tables.pawnAttacks(them, enPassant) & ourPawns
            while candidates != 0 {
                let from = candidates.popLowestSquare()
                if position.isLegalEnPassant(from: from, to: enPassant, tables) {
                    moves[count] = Move(from: from, to: enPassant, kind: Move.Kind.enPassant)
                    count &+= 1
                }
            }
        }

        if !noisy && checkers == 0 {
            let rights = position.castlingRights.rawValue &>> UInt8(us &* 2)
            let base = us &* 56
            if rights & 1 != 0 {
                let path: UInt64 = 0x60 &<< UInt64(base)  // f and g
                if occupied & path == 0 && danger & path == 0 {
                    moves[count] = Move(from: base &+ 4, to: base &+ 6, kind: Move.Kind.castling)
                    count &+= 1
                }
            }
            if rights & 2 != 0 {
                let path: UInt64 = 0x0E &<< UInt64(base)  // b, c and d
                let kingPath: UInt64 = 0x0C &<< UInt64(base)  // c and d
                if occupied & path == 0 && danger & kingPath == 0 {
                    moves[count] = Move(from: base &+ 4, to: base &+ 2, kind: Move.Kind.castling)
                    count &+= 1
                }
            }
        }
        return count
    }

    @inline(__always)
    private static func addPromotions(
        from: Int,
        to: Int,
        _ moves: UnsafeMutablePointer<Move>,
        _ count: Int,
        queenOnly: Bool
    ) -> Int {
        moves[count] = Move(from: from, to: to, kind: Move.Kind.promotionBase + 3)
        if queenOnly { return count &+ 1 }
        moves[count &+ 1] = Move(from: from, to: to, kind: Move.Kind.promotionBase)
        moves[count &+ 2] = Move(from: from, to: to, kind: Move.Kind.promotionBase + 2)
        moves[count &+ 3] = Move(from: from, to: to, kind: Move.Kind.promotionBase + 1)
        return count &+ 4
    }
}
