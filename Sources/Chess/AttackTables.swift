import SeededRandom

/// Precomputed attack sets: leapers by table lookup, sliders by "fancy" magic bitboards.
///
/// The magic multipliers are found at start-up by a seeded random search (a few milliseconds),
/// so no third-party constants are needed. The tables live in unmanaged memory that is never freed:
/// they are built once per process and the hot loops read them through plain pointers, without
/// reference counting, bounds checks or lazy-global guards.
struct AttackTables: @unchecked Sendable {
    /// One slider square's magic entry.
    struct Magic {
        var mask: UInt64 = 0
        var multiplier: UInt64 = 0
        var shift: UInt64 = 0
        var offset: Int = 0
    }

    let knight: UnsafeMutablePointer<UInt64>
    let king: UnsafeMutablePointer<UInt64>
    /// Pawn captures, indexed `color * 64 + square`.
    let pawn: UnsafeMutablePointer<UInt64>
    /// Squares strictly between two aligned squares, indexed `a * 64 + b`; empty when not aligned.
    let between: UnsafeMutablePointer<UInt64>
    /// The whole line (edge to edge) through two aligned squares, indexed `a * 64 + b`; empty when not aligned.
    let line: UnsafeMutablePointer<UInt64>
    let rookMagics: UnsafeMutablePointer<Magic>
    let bishopMagics: UnsafeMutablePointer<Magic>
    let slidingAttacks: UnsafeMutablePointer<UInt64>
    /// Zobrist keys for piece codes on squares, indexed `code * 64 + square`.
    let pieceKeys: UnsafeMutablePointer<UInt64>
    /// Zobrist keys for the 16 castling-right combinations.
    let castlingKeys: UnsafeMutablePointer<UInt64>
    /// Zobrist keys for the en passant file.
    let enPassantKeys: UnsafeMutablePointer<UInt64>
    /// The Zobrist key toggled when black is to move.
    let blackToMoveKey: UInt64

    /// The process-wide tables; hot code copies this value into a local once, then uses the pointers.
    static let shared = AttackTables()

    @inline(__always) func rookAttacks(_ square: Int, _ occupied: UInt64) -> UInt64 {
        let magic = rookMagics[square]
        return slidingAttacks[
            magic.offset + Int(truncatingIfNeeded: ((occupied & magic.mask) &* magic.multiplier) &>> magic.shift)
        ]
    }

    @inline(__always) func bishopAttacks(_ square: Int, _ occupied: UInt64) -> UInt64 {
        let magic = bishopMagics[square]
        return slidingAttacks[
            magic.offset + Int(truncatingIfNeeded: ((occupied & magic.mask) &* magic.multiplier) &>> magic.shift)
        ]
    }

    @inline(__always) func queenAttacks(_ square: Int, _ occupied: UInt64) -> UInt64 {
        rookAttacks(square, occupied) | bishopAttacks(square, occupied)
    }

    @inline(__always) func pawnAttacks(_ color: Int, _ square: Int) -> UInt64 { pawn[color &* 64 &+ square] }

    @inline(__always) func betweenSquares(_ a: Int, _ b: Int) -> UInt64 { between[a &* 64 &+ b] }

    @inline(__always) func lineThrough(_ a: Int, _ b: Int) -> UInt64 { line[a &* 64 &+ b] }

    private init() {
        knight = .allocate(capacity: 64)
        king = .allocate(capacity: 64)
        pawn = .allocate(capacity: 128)
        between = .allocate(capacity: 64 * 64)
        line = .allocate(capacity: 64 * 64)
        rookMagics = .allocate(capacity: 64)
        bishopMagics = .allocate(capacity: 64)
        let rookTableSize = 102_400
        let bishopTableSize = 5_248
        slidingAttacks = .allocate(capacity: rookTableSize + bishopTableSize)
        pieceKeys = .allocate(capacity: 16 * 64)
        castlingKeys = .allocate(capacity: 16)
        enPassantKeys = .allocate(capacity: 8)

        for square in 0..<64 {
            knight[square] = Self.leaperAttacks(
                square,
                [(1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2)]
            )
            king[square] = Self.leaperAttacks(
                square,
                [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)]
            )
            pawn[square] = Self.leaperAttacks(square, [(-1, 1), (1, 1)])
            pawn[64 + square] = Self.leaperAttacks(square, [(-1, -1), (1, -1)])
        }

        var offset = 0
        offset = Self.findMagics(
            directions: Self.rookDirections,
            magics: rookMagics,
            table: slidingAttacks,
            offset: offset
        )
        _ = Self.findMagics(
            directions: Self.bishopDirections,
            magics: bishopMagics,
            table: slidingAttacks,
            offset: offset
        )

        for a in 0..<64 {
            for b in 0..<64 {
                between[a * 64 + b] = 0
                line[a * 64 + b] = 0
                guard a != b else { continue }
                for directions in [Self.rookDirections, Self.bishopDirections] {
                    let fromA = Self.slowSlidingAttacks(a, 0, directions)
                    guard fromA.contains(square: b) else { continue }
                    let fromB = Self.slowSlidingAttacks(b, 0, directions)
                    line[a * 64 + b] = (fromA & fromB) | UInt64.square(a) | UInt64.square(b)
                    between[a * 64 + b] =
                        Self.slowSlidingAttacks(a, UInt64.square(b), directions)
                        & Self.slowSlidingAttacks(b, UInt64.square(a), directions)
                }
            }
        }

        var keys = SeededGenerator(seed: 0x5A0B_2157)
        for index in 0..<(16 * 64) { pieceKeys[index] = keys.next() }
        for index in 0..<16 { castlingKeys[index] = 0 }
        // Each castling right gets its own key; a combination is the XOR of its rights.
        let rightKeys = (0..<4).map { _ in keys.next() }
        for rights in 0..<16 {
            for bit in 0..<4 where rights & (1 << bit) != 0 { castlingKeys[rights] ^= rightKeys[bit] }
        }
        for file in 0..<8 { enPassantKeys[file] = keys.next() }
        blackToMoveKey = keys.next()
    }

    private static let rookDirections = [(1, 0), (-1, 0), (0, 1), (0, -1)]
    private static let bishopDirections = [(1, 1), (1, -1), (-1, 1), (-1, -1)]

    private static func leaperAttacks(_ square: Int, _ steps: [(Int, Int)]) -> UInt64 {
        var result: UInt64 = 0
        for (fileStep, rankStep) in steps {
            let file = square % 8 + fileStep
            let rank = square / 8 + rankStep
            if (0..<8).contains(file) && (0..<8).contains(rank) { result |= .square(rank * 8 + file) }
        }
        return result
    }

    /// Ray-walking attacks: slow, used only to fill the tables.
    private static func slowSlidingAttacks(_ square: Int, _ occupied: UInt64, _ directions: [(Int, Int)]) -> UInt64 {
        var result: UInt64 = 0
        for (fileStep, rankStep) in directions {
            var file = square % 8 + fileStep
            var rank = square / 8 + rankStep
            while (0..<8).contains(file) && (0..<8).contains(rank) {
                let target = rank * 8 + file
                result |= .square(target)
                if occupied.contains(square: target) { break }
                file += fileStep
                rank += rankStep
            }
        }
        return result
    }

    /// Seeds per rank for the magic search: with these, xorshift64* finds every square's multiplier
    /// within a few hundred tries, so start-up takes milliseconds (the values Stockfish uses).
    private static let magicSeeds: [UInt64] = [728, 10316, 55013, 32803, 12281, 15100, 16645, 255]

    /// Finds a collision-free multiplier per square; returns the next free table offset.
    private static func findMagics(
        directions: [(Int, Int)],
        magics: UnsafeMutablePointer<Magic>,
        table: UnsafeMutablePointer<UInt64>,
        offset startOffset: Int
    ) -> Int {
        var offset = startOffset
        var occupancies = [UInt64](repeating: 0, count: 4096)
        var references = [UInt64](repeating: 0, count: 4096)
        var epochs = [Int](repeating: 0, count: 4096)
        var epoch = 0
        for square in 0..<64 {
            // Edges do not matter to the attack set unless the slider stands on them.
            let rankEdges = (BoardMask.rank1 | BoardMask.rank8) & ~(BoardMask.rank1 << UInt64(8 * (square / 8)))
            let fileEdges = (BoardMask.fileA | BoardMask.fileH) & ~(BoardMask.fileA << UInt64(square % 8))
            let mask = slowSlidingAttacks(square, 0, directions) & ~(rankEdges | fileEdges)
            let bits = mask.nonzeroBitCount
            var magic = Magic(mask: mask, multiplier: 0, shift: UInt64(64 - bits), offset: offset)
            // Enumerate all subsets of the mask (Carry-Rippler trick).
            var size = 0
            var subset: UInt64 = 0
            repeat {
                occupancies[size] = subset
                references[size] = slowSlidingAttacks(square, subset, directions)
                size += 1
                subset = (subset &- mask) & mask
            } while subset != 0
            var random = XorShift64Star(seed: magicSeeds[square / 8])
            search: while true {
                magic.multiplier = random.next() & random.next() & random.next()
                if ((mask &* magic.multiplier) >> 56).nonzeroBitCount < 6 { continue }
                epoch += 1
                for index in 0..<size {
                    let slot = Int(((occupancies[index] & mask) &* magic.multiplier) >> magic.shift)
                    if epochs[slot] < epoch {
                        epochs[slot] = epoch
                        table[offset + slot] = references[index]
                    } else if table[offset + slot] != references[index] {
                        continue search
                    }
                }
                break
            }
            magics[square] = magic
            offset += size
        }
        return offset
    }
}

/// Marsaglia's xorshift with a multiplicative output (xorshift64*), used only by the magic search.
struct XorShift64Star {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }
}
