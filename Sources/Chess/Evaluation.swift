/// A tapered piece-square evaluation: every piece scores a middlegame and an endgame value by its
/// square, and the two are blended by the material left (the "phase"), plus a few pawn-structure
/// and piece terms. Scores are centipawns from the side to move's point of view.
///
/// The tables are this project's own: written half-board (files a-d, mirrored to e-h) with rank 8
/// on top as a board is drawn, then flipped for black.
struct Evaluation: @unchecked Sendable {
    /// Middlegame and endgame piece values, by kind.
    static let middlegameValues: [Int32] = [82, 337, 365, 477, 1025, 0]
    static let endgameValues: [Int32] = [94, 281, 297, 512, 936, 0]
    /// How much each kind counts towards the middlegame phase (24 at the start).
    static let phaseWeights: [Int32] = [0, 1, 1, 2, 4, 0]

    /// Piece-square values including material: `(color * 6 + kind) * 64 + square`, middlegame and endgame.
    let middlegame: UnsafeMutablePointer<Int32>
    let endgame: UnsafeMutablePointer<Int32>
    /// Squares in front of a pawn on its file and the two neighbouring files, `color * 64 + square`.
    let passedSpan: UnsafeMutablePointer<UInt64>
    /// The file of a square and the neighbouring files, by file.
    let adjacentFiles: UnsafeMutablePointer<UInt64>
    let attacks = AttackTables.shared

    static let shared = Evaluation()

    // Half-board tables, rank 8 first, files a-d (mirrored for e-h). Middlegame then endgame.
    private static let pawnTables: ([Int32], [Int32]) = (
        [
            0, 0, 0, 0, 60, 70, 80, 90, 10, 15, 25, 35, 0, 5, 10, 25,
            -5, 0, 5, 20, -5, -5, 0, 5, -5, 0, -5, -15, 0, 0, 0, 0,
        ],
        [
            0, 0, 0, 0, 130, 125, 120, 120, 70, 65, 60, 55, 35, 30, 25, 25,
            15, 12, 8, 8, 5, 5, 0, 0, 5, 5, 5, 5, 0, 0, 0, 0,
        ]
    )
    private static let knightTables: ([Int32], [Int32]) = (
        [
            -60, -30, -20, -20, -30, -10, 5, 10, -20, 10, 20, 30, -15, 5, 20, 30,
            -15, 5, 15, 25, -20, 0, 10, 15, -30, -15, 0, 5, -60, -25, -20, -15,
        ],
        [
            -50, -30, -20, -15, -30, -15, 0, 5, -20, 0, 10, 15, -15, 5, 15, 20,
            -15, 5, 15, 20, -20, 0, 10, 15, -30, -15, 0, 5, -50, -30, -20, -15,
        ]
    )
    private static let bishopTables: ([Int32], [Int32]) = (
        [
            -20, -10, -10, -10, -10, 0, 0, 0, -10, 5, 5, 10, -5, 5, 10, 15,
            -5, 10, 10, 15, 0, 10, 10, 10, 0, 15, 5, 5, -20, -10, -15, -10,
        ],
        [
            -15, -10, -5, -5, -10, 0, 0, 5, -5, 0, 5, 10, -5, 5, 10, 10,
            -5, 5, 10, 10, -5, 0, 5, 10, -10, 0, 0, 5, -15, -10, -5, -5,
        ]
    )
    private static let rookTables: ([Int32], [Int32]) = (
        [
            10, 10, 10, 15, 20, 25, 25, 25, 0, 5, 5, 5, -5, 0, 0, 0,
            -10, 0, 0, 0, -15, -5, 0, 0, -20, -10, -5, -5, -10, -5, 5, 10,
        ],
        [
            5, 5, 5, 5, 10, 10, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, -5, -5, 0, 0, -5, -5, 0, 0,
        ]
    )
    private static let queenTables: ([Int32], [Int32]) = (
        [
            -20, -10, -5, 0, -10, -10, 0, 0, -10, 0, 5, 5, -5, 0, 5, 5,
            -5, 0, 5, 5, -10, 0, 5, 5, -10, -5, 5, 5, -20, -10, -10, 0,
        ],
        [
            -20, -10, -5, 0, -10, 0, 5, 10, -5, 5, 10, 15, 0, 10, 15, 20,
            0, 10, 15, 20, -5, 5, 10, 15, -10, 0, 5, 10, -20, -10, -5, 0,
        ]
    )
    private static let kingTables: ([Int32], [Int32]) = (
        [
            -60, -60, -60, -60, -50, -50, -50, -50, -40, -40, -45, -50, -30, -35, -40, -45,
            -20, -25, -30, -40, -10, -20, -20, -25, 15, 10, -10, -20, 20, 30, 5, -10,
        ],
        [
            -50, -30, -20, -10, -30, -10, 0, 10, -20, 10, 20, 30, -15, 10, 25, 35,
            -15, 10, 25, 35, -20, 5, 15, 25, -30, -10, 5, 10, -50, -30, -20, -10,
        ]
    )

    private init() {
        middlegame = .allocate(capacity: 12 * 64)
        endgame = .allocate(capacity: 12 * 64)
        passedSpan = .allocate(capacity: 128)
        adjacentFiles = .allocate(capacity: 8)
        let tables = [
            Self.pawnTables, Self.knightTables, Self.bishopTables, Self.rookTables, Self.queenTables, Self.kingTables,
        ]
        for kind in 0..<6 {
            for square in 0..<64 {
                let file = square % 8
                let rank = square / 8
                let halfFile = file < 4 ? file : 7 - file
                for color in 0..<2 {
                    // Tables are drawn from white's side with rank 8 first; black sees them mirrored vertically.
                    let row = color == 0 ? 7 - rank : rank
                    let index = row * 4 + halfFile
                    middlegame[(color * 6 + kind) * 64 + square] = Self.middlegameValues[kind] + tables[kind].0[index]
                    endgame[(color * 6 + kind) * 64 + square] = Self.endgameValues[kind] + tables[kind].1[index]
                }
            }
        }
        for file in 0..<8 {
            var mask = BoardMask.fileA << UInt64(file)
            if file > 0 { mask |= BoardMask.fileA << UInt64(file - 1) }
            if file < 7 { mask |= BoardMask.fileA << UInt64(file + 1) }
            adjacentFiles[file] = mask
        }
        for square in 0..<64 {
            let rank = square / 8
            let files = adjacentFiles[square % 8]
            let ahead: UInt64 = rank == 7 ? 0 : ~0 << UInt64(8 * (rank + 1))
            let behind: UInt64 = rank == 0 ? 0 : ~0 >> UInt64(8 * (8 - rank))
            passedSpan[square] = files & ahead
            passedSpan[64 + square] = files & behind
        }
    }

    /// The static evaluation of a position, in centipawns for the side to move.
    @inline(__always)
    func evaluate(_ position: Position) -> Int {
        let board = position.board
        var middle: Int32 = 0
        var end: Int32 = 0
        var phase: Int32 = 0
        let whitePawns = board.kind(0) & board.color(0)
        let blackPawns = board.kind(0) & board.color(1)
        for color in 0..<2 {
            let sign: Int32 = color == 0 ? 1 : -1
            let own = board.color(color)
            for kind in 0..<6 {
                var pieces = board.kind(kind) & own
                let base = (color &* 6 &+ kind) &* 64
                phase &+= Self.phaseWeight(kind) &* Int32(pieces.nonzeroBitCount)
                while pieces != 0 {
                    let square = pieces.popLowestSquare()
                    middle &+= sign &* middlegame[base &+ square]
                    end &+= sign &* endgame[base &+ square]
                }
            }
            // Bishop pair.
            if (board.kind(2) & own).hasMoreThanOne {
                middle &+= sign &* 30
                end &+= sign &* 50
            }
            // Pawn structure: passed, doubled and isolated pawns.
            let ownPawns = color == 0 ? whitePawns : blackPawns
            let enemyPawns = color == 0 ? blackPawns : whitePawns
            var pawns = ownPawns
            while pawns != 0 {
                let square = pawns.popLowestSquare()
                let file = square & 7
                if passedSpan[color &* 64 &+ square] & enemyPawns == 0 {
                    let advance = Int32(color == 0 ? square >> 3 : 7 &- (square >> 3))
                    middle &+= sign &* advance &* 5
                    end &+= sign &* advance &* advance &* 4
                }
                if adjacentFiles[file] & ~(BoardMask.fileA << UInt64(file)) & ownPawns == 0 {
                    middle &-= sign &* 10
                    end &-= sign &* 12
                }
            }
            for file in 0..<8 {
                let onFile = (ownPawns & (BoardMask.fileA << UInt64(file))).nonzeroBitCount
                if onFile > 1 {
                    middle &-= sign &* 10 &* Int32(onFile &- 1)
                    end &-= sign &* 20 &* Int32(onFile &- 1)
                }
            }
            // Rooks on open and half-open files.
            var rooks = board.kind(3) & own
            while rooks != 0 {
                let fileMask = BoardMask.fileA << UInt64(rooks.popLowestSquare() & 7)
                if fileMask & ownPawns == 0 {
                    let bonus: Int32 = fileMask & enemyPawns == 0 ? 20 : 10
                    middle &+= sign &* bonus
                    end &+= sign &* (bonus / 2)
                }
            }

            // Mobility (squares not covered by enemy pawns) and pressure on the enemy king's zone.
            let enemyPawnAttacks =
                color == 0
                ? ((enemyPawns & ~BoardMask.fileA) &>> 9) | ((enemyPawns & ~BoardMask.fileH) &>> 7)
                : ((enemyPawns & ~BoardMask.fileA) &<< 7) | ((enemyPawns & ~BoardMask.fileH) &<< 9)
            let available = ~own & ~enemyPawnAttacks
            let occupied = board.occupied
            let enemyKing = (board.kind(5) & board.color(color ^ 1)).lowestSquare
            let kingZone = attacks.king[enemyKing] | UInt64.square(enemyKing)
            var attackUnits: Int32 = 0
            var attackers: Int32 = 0
            for kind in 1...4 {
                var pieces = board.kind(kind) & own
                while pieces != 0 {
                    let square = pieces.popLowestSquare()
                    let reach: UInt64
                    switch kind {
                    case 1: reach = attacks.knight[square]
                    case 2: reach = attacks.bishopAttacks(square, occupied)
                    case 3: reach = attacks.rookAttacks(square, occupied)
                    default: reach = attacks.queenAttacks(square, occupied)
                    }
                    let moves = Int32((reach & available).nonzeroBitCount)
                    middle &+= sign &* Self.middlegameMobility(kind, moves)
                    end &+= sign &* Self.endgameMobility(kind, moves)
                    let hits = Int32((reach & kingZone).nonzeroBitCount)
                    if hits > 0 {
                        attackers &+= 1
                        attackUnits &+= hits &* (kind == 4 ? 4 : kind == 3 ? 3 : 2)
                    }
                }
            }
            if attackers >= 2 && board.kind(4) & own != 0 {
                middle &+= sign &* min(attackUnits &* attackUnits / 2, 300)
            }

            // Pawn shield in front of our own king while queens are on (middlegame only).
            let king = (board.kind(5) & own).lowestSquare
            let kingRank = king >> 3
            if color == 0 ? kingRank <= 1 : kingRank >= 6 {
                let files = adjacentFiles[king & 7]
                let front = passedSpan[color &* 64 &+ king] & files
                let nearRanks: UInt64 =
                    color == 0 ? BoardMask.rank2 | BoardMask.rank3 : BoardMask.rank7 | BoardMask.rank6
                let shield = Int32((front & nearRanks & ownPawns).nonzeroBitCount)
                middle &+= sign &* (shield &* 12 &- 24)
            }
        }
        let clamped = min(phase, 24)
        var score = (middle &* clamped &+ end &* (24 &- clamped)) / 24
        if position.sideToMove == .black { score = -score }
        return Int(score) &+ 10  // the side to move has the initiative (tempo)
    }

    /// Mobility bonus around a typical number of moves, by kind (1 knight ... 4 queen).
    @inline(__always) static func middlegameMobility(_ kind: Int, _ moves: Int32) -> Int32 {
        switch kind {
        case 1: (moves &- 4) &* 4
        case 2: (moves &- 6) &* 5
        case 3: (moves &- 6) &* 2
        default: (moves &- 12) &* 1
        }
    }

    @inline(__always) static func endgameMobility(_ kind: Int, _ moves: Int32) -> Int32 {
        switch kind {
        case 1: (moves &- 4) &* 4
        case 2: (moves &- 6) &* 5
        case 3: (moves &- 6) &* 4
        default: (moves &- 12) &* 2
        }
    }

    @inline(__always) static func phaseWeight(_ kind: Int) -> Int32 {
        switch kind {
        case 1, 2: 1
        case 3: 2
        case 4: 4
        default: 0
        }
    }

    /// A rough piece value used to order captures and prune hopeless ones.
    @inline(__always) static func pieceValue(_ kind: Int) -> Int {
        switch kind {
        case 0: 100
        case 1: 320
        case 2: 330
        case 3: 500
        case 4: 950
        default: 20_000
        }
    }
}

extension Position {
    /// The static evaluation in centipawns from the side to move's point of view (no search).
    public var staticEvaluation: Int { Evaluation.shared.evaluate(self) }
}
