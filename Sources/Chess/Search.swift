import SeededRandom

/// The chess AI: iterative deepening principal-variation search with alpha-beta pruning.
///
/// Around the alpha-beta core: a quiescence search over captures (so the horizon never cuts a
/// capture sequence in half), a transposition table keyed by Zobrist hashes, move ordering (hash move,
/// MVV-LVA captures, killer moves, history heuristic), check extensions, null-move pruning, reverse
/// futility pruning and late-move reductions, aspiration windows, and draw detection by repetition and
/// the fifty-move rule. It runs on the caller's thread until its limits are reached or `stop()` is called
/// from another thread. `level` (1-10) weakens it on purpose for beginners; 10 is full strength.
///
/// A `Search` keeps its transposition table between calls; use one instance per game or engine.
public final class Search: @unchecked Sendable {
    static let mateScore = 30_000
    static let infinity = 32_000
    static let maximumPly = 128
    static let movesPerPly = MoveGenerator.maximumMoves

    let tables = AttackTables.shared
    let evaluation = Evaluation.shared
    let generator = MoveGenerator()
    let table: TranspositionTable
    /// Raise it from any thread to end the running search; the best move found so far is returned.
    public let stopSignal = StopSignal()

    private let moveBuffer: UnsafeMutablePointer<Move>
    private let scoreBuffer: UnsafeMutablePointer<Int32>
    private let killers: UnsafeMutablePointer<Move>
    /// Quiet moves searched at each ply, for the history penalty on a cutoff.
    private let quietMoves: UnsafeMutablePointer<Move>
    private let history: UnsafeMutablePointer<Int32>
    private let principalVariations: UnsafeMutablePointer<Move>
    private let principalVariationLengths: UnsafeMutablePointer<Int>
    private let reductions: UnsafeMutablePointer<Int>
    private var keys: UnsafeMutablePointer<UInt64>
    private var keyCapacity: Int
    private var keyCount = 0

    private let clock = ContinuousClock()
    private var startTime = ContinuousClock.now
    private var hardDeadline: ContinuousClock.Instant?
    private var nodeLimit = Int.max
    private var nodes = 0
    private var selectiveDepth = 0
    private var stopped = false
    private var noiseAmplitude = 0
    private var noiseSeed: UInt64 = 0

    /// Makes a search with a transposition table of about `hashMegabytes` MB.
    public init(hashMegabytes: Int = 16) {
        table = TranspositionTable(megabytes: hashMegabytes)
        moveBuffer = .allocate(capacity: Self.maximumPly * Self.movesPerPly)
        scoreBuffer = .allocate(capacity: Self.maximumPly * Self.movesPerPly)
        killers = .allocate(capacity: Self.maximumPly * 2)
        killers.initialize(repeating: .none, count: Self.maximumPly * 2)
        quietMoves = .allocate(capacity: Self.maximumPly * 64)
        history = .allocate(capacity: 2 * 64 * 64)
        history.initialize(repeating: 0, count: 2 * 64 * 64)
        principalVariations = .allocate(capacity: Self.maximumPly * Self.maximumPly)
        principalVariations.initialize(repeating: .none, count: Self.maximumPly * Self.maximumPly)
        principalVariationLengths = .allocate(capacity: Self.maximumPly + 1)
        principalVariationLengths.initialize(repeating: 0, count: Self.maximumPly + 1)
        reductions = .allocate(capacity: 64 * 64)
        for depth in 0..<64 {
            for index in 0..<64 {
                // Later moves at higher depth are reduced more: about ln(depth) * ln(index) / 2.
                let value =
                    depth == 0 || index == 0 ? 0 : 0.75 + Self.log(Double(depth)) * Self.log(Double(index)) / 2.25
                reductions[depth * 64 + index] = Int(value)
            }
        }
        keyCapacity = 1024 + Self.maximumPly
        keys = .allocate(capacity: keyCapacity)
    }

    deinit {
        moveBuffer.deallocate()
        scoreBuffer.deallocate()
        killers.deallocate()
        quietMoves.deallocate()
        history.deallocate()
        principalVariations.deallocate()
        principalVariationLengths.deallocate()
        reductions.deallocate()
        keys.deallocate()
    }

    /// Natural logarithm by a short series (the Chess target does not need Foundation for it).
    private static func log(_ value: Double) -> Double {
        var exponent = 0.0
        var mantissa = value
        while mantissa > 2 {
            mantissa /= 2.718_281_828_459_045
            exponent += 1
        }
        let ratio = (mantissa - 1) / (mantissa + 1)
        var term = ratio
        var sum = 0.0
        var power = 1.0
        for _ in 0..<20 {
            sum += term / power
            term *= ratio * ratio
            power += 2
        }
        return exponent + 2 * sum
    }

    /// Ends the running search soon; safe to call from any thread.
    public func stop() { stopSignal.raise() }

    /// Forgets what earlier searches learned (call between games).
    public func clear() {
        table.clear()
        history.update(repeating: 0, count: 2 * 64 * 64)
        killers.update(repeating: .none, count: Self.maximumPly * 2)
    }

    /// Searches a game's current position, aware of its history for repetitions.
    public func search(
        _ game: Game,
        limits: SearchLimits,
        level: Int = 10,
        onInfo: ((SearchInfo) -> Void)? = nil
    ) -> SearchResult {
        search(game.position, positionKeys: game.positionKeys, limits: limits, level: level, onInfo: onInfo)
    }

    /// Searches a position for the best move.
    ///
    /// - Parameters:
    ///   - positionKeys: Zobrist keys of the game's positions so far, the current one last, so
    ///     the search can see repetitions; empty when the position has no history.
    ///   - level: 1 (a beginner who blunders on purpose) to 10 (full strength).
    ///   - onInfo: called after each completed iteration, on the searching thread.
    public func search(
        _ position: Position,
        positionKeys: [UInt64] = [],
        limits: SearchLimits,
        level: Int = 10,
        onInfo: ((SearchInfo) -> Void)? = nil
    ) -> SearchResult {
        let level = min(max(level, 1), 10)
        let strength = PlayingLevel(level)
        startTime = clock.now
        stopped = false
        nodes = 0
        nodeLimit = limits.nodes ?? Int.max
        hardDeadline = nil
        var softDeadline: ContinuousClock.Instant?
        if let budget = limits.timeBudget(for: position.sideToMove) {
            softDeadline = startTime + budget.soft
            hardDeadline = startTime + budget.hard
        }
        noiseAmplitude = strength.evaluationNoise
        var random = SystemRandomNumberGenerator()
        noiseSeed = random.next()

        // Repetition history: the game's keys (current last), then one per ply of search.
        let history = positionKeys.last == position.zobristKey ? positionKeys : positionKeys + [position.zobristKey]
        if history.count + Self.maximumPly > keyCapacity {
            keys.deallocate()
            keyCapacity = history.count + Self.maximumPly
            keys = .allocate(capacity: keyCapacity)
        }
        for (index, key) in history.enumerated() { keys[index] = key }
        keyCount = history.count

        killers.update(repeating: .none, count: Self.maximumPly * 2)
        for index in 0..<(2 * 64 * 64) { self.history[index] /= 8 }
        table.startNewSearch()

        let rootMoves = generator.legalMoves(in: position)
        guard !rootMoves.isEmpty else {
            let score: SearchScore = position.isCheck ? .mate(0) : .centipawns(0)
            return SearchResult(bestMove: nil, ponderMove: nil, score: score, depth: 0, nodes: 0)
        }

        var bestMove = rootMoves[0]
        var ponderMove: Move?
        var bestScore = 0
        var completedDepth = 0
        let maximumDepth = min(limits.depth ?? (Self.maximumPly - 8), strength.maximumDepth, Self.maximumPly - 8)
        var depth = 1
        while depth <= maximumDepth {
            selectiveDepth = 0
            var window = 40
            var alpha = -Self.infinity
            var beta = Self.infinity
            if depth >= 5 && abs(bestScore) < Self.mateScore - Self.maximumPly {
                alpha = bestScore - window
                beta = bestScore + window
            }
            var score = 0
            while true {
                var root = position
                score = negamax(&root, depth: depth, alpha: alpha, beta: beta, ply: 0, isPV: true, allowNull: false)
                if stopped { break }
                if score <= alpha {
                    alpha = max(-Self.infinity, alpha - window)
                    window *= 2
                } else if score >= beta {
                    beta = min(Self.infinity, beta + window)
                    window *= 2
                } else {
                    break
                }
            }
            if stopped && completedDepth > 0 { break }
            if principalVariationLengths[0] > 0 {
                bestMove = principalVariations[0]
                ponderMove = principalVariationLengths[0] > 1 ? principalVariations[1] : nil
            }
            if stopped { break }
            bestScore = score
            completedDepth = depth
            if let onInfo {
                let variation = (0..<principalVariationLengths[0]).map { principalVariations[$0] }
                onInfo(
                    SearchInfo(
                        depth: depth,
                        selectiveDepth: max(selectiveDepth, depth),
                        score: Self.publicScore(score),
                        nodes: nodes,
                        elapsed: clock.now - startTime,
                        principalVariation: variation
                    )
                )
            }
            if let softDeadline, clock.now >= softDeadline { break }
            if nodes >= nodeLimit { break }
            depth += 1
        }

        if strength.blunderProbability > 0,
            Double(random.next() % 1_000_000) / 1_000_000 < strength.blunderProbability
        {
            // A beginner's slip: any legal move instead of the considered one.
            bestMove = rootMoves[Int(random.next() % UInt64(rootMoves.count))]
            ponderMove = nil
        }
        return SearchResult(
            bestMove: bestMove,
            ponderMove: ponderMove,
            score: Self.publicScore(bestScore),
            depth: completedDepth,
            nodes: nodes
        )
    }

    static func publicScore(_ score: Int) -> SearchScore {
        if score >= mateScore - maximumPly { return .mate((mateScore - score + 1) / 2) }
        if score <= -mateScore + maximumPly { return .mate(-(mateScore + score) / 2) }
        return .centipawns(score)
    }

    @inline(__always) private func checkLimits() {
        if stopSignal.isRaised || nodes >= nodeLimit {
            stopped = true
        } else if let hardDeadline, clock.now >= hardDeadline {
            stopped = true
        }
    }

    @inline(__always) private func evaluate(_ position: Position) -> Int {
        let score = evaluation.evaluate(position)
        guard noiseAmplitude > 0 else { return score }
        // The same position always gets the same error within a search, so the search stays consistent.
        var mixer = SeededGenerator(seed: position.zobristKey ^ noiseSeed)
        return score + Int(mixer.next() % UInt64(2 * noiseAmplitude + 1)) - noiseAmplitude
    }

    @inline(__always) private func isRepetitionOrFiftyMoves(_ position: Position) -> Bool {
        if position.halfmoveClock >= 100 { return true }
        let current = keys[keyCount - 1]
        var index = keyCount - 3
        let oldest = max(0, keyCount - 1 - position.halfmoveClock)
        while index >= oldest {
            if keys[index] == current { return true }
            index -= 2
        }
        return false
    }

    /// Whether the opponent of the side to move attacks a square (it would recapture there).
    @inline(__always) private func isDefended(_ position: Position, square: Int) -> Bool {
        let board = position.board
        let us = Int(position.sideToMove.rawValue)
        let opponents = board.color(us ^ 1)
        let occupied = board.occupied
        return (tables.pawnAttacks(us, square) & board.kind(0) & opponents) != 0
            || (tables.knight[square] & board.kind(1) & opponents) != 0
            || (tables.bishopAttacks(square, occupied) & (board.kind(2) | board.kind(4)) & opponents) != 0
            || (tables.rookAttacks(square, occupied) & (board.kind(3) | board.kind(4)) & opponents) != 0
            || (tables.king[square] & board.kind(5) & opponents) != 0
    }

    @inline(__always) private func hasNonPawnMaterial(_ position: Position) -> Bool {
        let board = position.board
        let own = board.color(Int(position.sideToMove.rawValue))
        return (board.kind(1) | board.kind(2) | board.kind(3) | board.kind(4)) & own != 0
    }

    @inline(__always) private func scoreToTable(_ score: Int, _ ply: Int) -> Int {
        if score >= Self.mateScore - Self.maximumPly { return score + ply }
        if score <= -Self.mateScore + Self.maximumPly { return score - ply }
        return score
    }

    @inline(__always) private func scoreFromTable(_ score: Int, _ ply: Int) -> Int {
        if score >= Self.mateScore - Self.maximumPly { return score - ply }
        if score <= -Self.mateScore + Self.maximumPly { return score + ply }
        return score
    }

    /// Orders moves: hash move, captures by most valuable victim / least valuable attacker, queen
    /// promotions, killer moves, then quiet moves by history.
    @inline(__always)
    private func scoreMoves(
        _ position: Position,
        _ moves: UnsafeMutablePointer<Move>,
        _ scores: UnsafeMutablePointer<Int32>,
        _ count: Int,
        hashMove: Move,
        ply: Int
    ) {
        let side = Int(position.sideToMove.rawValue)
        for index in 0..<count {
            let move = moves[index]
            if move == hashMove {
                scores[index] = 2_000_000
                continue
            }
            let victimCode = position.board.code(at: move.toIndex)
            var score: Int32 = 0
            if victimCode != 0 || move.isEnPassant {
                let victim = victimCode == 0 ? 0 : Int(victimCode & 7) - 1
                let attacker = Int(position.board.code(at: move.fromIndex) & 7) - 1
                score = 1_000_000 + Int32(Evaluation.pieceValue(victim) * 10 - attacker)
                // A defended piece taken by a bigger one probably loses material: try it after the quiet moves.
                if Evaluation.pieceValue(attacker) > Evaluation.pieceValue(victim) + 50
                    && isDefended(position, square: move.toIndex)
                {
                    score = -300_000 + Int32(Evaluation.pieceValue(victim) * 10 - attacker)
                }
            }
            if let promotion = move.promotion {
                score += promotion == .queen ? 950_000 : -100_000
            }
            if score == 0 {
                if move == killers[ply * 2] {
                    score = 900_000
                } else if move == killers[ply * 2 + 1] {
                    score = 800_000
                } else {
                    score = max(min(history[side * 4096 + move.fromIndex * 64 + move.toIndex], 700_000), -200_000)
                }
            }
            scores[index] = score
        }
    }

    /// Moves the best-scored remaining move to `index` (selection sort, one step per move tried).
    @inline(__always)
    private func pickBest(
        _ moves: UnsafeMutablePointer<Move>,
        _ scores: UnsafeMutablePointer<Int32>,
        _ index: Int,
        _ count: Int
    ) {
        var best = index
        var candidate = index + 1
        while candidate < count {
            if scores[candidate] > scores[best] { best = candidate }
            candidate += 1
        }
        if best != index {
            let move = moves[index]
            moves[index] = moves[best]
            moves[best] = move
            let score = scores[index]
            scores[index] = scores[best]
            scores[best] = score
        }
    }

    private func negamax(
        _ position: inout Position,
        depth: Int,
        alpha: Int,
        beta: Int,
        ply: Int,
        isPV: Bool,
        allowNull: Bool
    ) -> Int {
        var alpha = alpha
        var beta = beta
        principalVariationLengths[ply] = ply
        if ply > 0 {
            if isRepetitionOrFiftyMoves(position) { return 0 }
            // A mate found nearer the root cannot be beaten here.
            alpha = max(alpha, -Self.mateScore + ply)
            beta = min(beta, Self.mateScore - ply - 1)
            if alpha >= beta { return alpha }
        }
        if ply >= Self.maximumPly - 2 { return evaluate(position) }
        let inCheck = generator.checkers(of: position) != 0
        var depth = inCheck ? depth + 1 : depth  // check extension
        if depth <= 0 { return quiescence(&position, alpha: alpha, beta: beta, ply: ply) }

        nodes &+= 1
        if nodes & 1023 == 0 { checkLimits() }
        if stopped { return 0 }

        let key = position.zobristKey
        var hashMove = Move.none
        if let entry = table.probe(key) {
            hashMove = Move(rawValue: entry.move)
            if !isPV && Int(entry.depth) >= depth {
                let score = scoreFromTable(Int(entry.score), ply)
                switch TranspositionTable.Bound(rawValue: entry.bound) {
                case .exact: return score
                case .lower: if score >= beta { return score }
                case .upper: if score <= alpha { return score }
                case nil: break
                }
            }
        }

        // Internal iterative reduction: with no hash move this node was never searched well, so
        // spend less on it now; the next iteration finds it with a hash move.
        if hashMove == .none && depth >= 4 { depth -= 1 }

        let staticEvaluation = inCheck ? -Self.infinity : evaluate(position)
        if !isPV && !inCheck && abs(beta) < Self.mateScore - Self.maximumPly {
            // Reverse futility: far above beta at low depth, a quiet move will not bring it back.
            if depth <= 6 && staticEvaluation - 90 * depth >= beta { return staticEvaluation }
            // Null move: if passing still beats beta, a real move will too (not in pawn endings: zugzwang).
            if allowNull && depth >= 3 && staticEvaluation >= beta && hasNonPawnMaterial(position) {
                let reduction = 3 + depth / 6
                let undo = position.makeNullMove(tables)
                keys[keyCount] = position.zobristKey
                keyCount += 1
                let score = -negamax(
                    &position,
                    depth: depth - 1 - reduction,
                    alpha: -beta,
                    beta: -beta + 1,
                    ply: ply + 1,
                    isPV: false,
                    allowNull: false
                )
                keyCount -= 1
                position.unmakeNullMove(undo)
                if stopped { return 0 }
                if score >= beta { return score >= Self.mateScore - Self.maximumPly ? beta : score }
            }
        }

        let moves = moveBuffer + ply * Self.movesPerPly
        let scores = scoreBuffer + ply * Self.movesPerPly
        let count = generator.generate(position, into: moves, noisyOnly: false)
        if count == 0 { return inCheck ? -Self.mateScore + ply : 0 }
        scoreMoves(position, moves, scores, count, hashMove: hashMove, ply: ply)

        let originalAlpha = alpha
        var bestScore = -Self.infinity
        var bestMove = Move.none
        let quietsTried = quietMoves + ply * 64
        var quietCount = 0
        let side = Int(position.sideToMove.rawValue)
        for index in 0..<count {
            pickBest(moves, scores, index, count)
            let move = moves[index]
            let isQuiet = position.board.code(at: move.toIndex) == 0 && !move.isEnPassant && move.promotion == nil
            let undo = position.make(move, tables)
            let givesCheck = generator.checkers(of: position) != 0
            // Near the leaves, quiet moves that cannot lift a hopeless score, or come late in the
            // ordering, are skipped (futility and late-move pruning); never the first move or checks.
            if !isPV && !inCheck && !givesCheck && isQuiet && index > 0 && depth <= 3
                && bestScore > -Self.mateScore + Self.maximumPly
            {
                if staticEvaluation + 120 * depth <= alpha || index >= 4 + 3 * depth * depth {
                    position.unmake(move, undo)
                    continue
                }
            }
            keys[keyCount] = position.zobristKey
            keyCount += 1
            var score: Int
            if index == 0 {
                score = -negamax(
                    &position,
                    depth: depth - 1,
                    alpha: -beta,
                    beta: -alpha,
                    ply: ply + 1,
                    isPV: isPV,
                    allowNull: true
                )
            } else {
                var reduction = 0
                if depth >= 3 && index >= 3 && isQuiet && !inCheck && !givesCheck {
                    reduction = reductions[min(depth, 63) * 64 + min(index, 63)]
                    if isPV { reduction -= 1 }
                    if move == killers[ply * 2] || move == killers[ply * 2 + 1] { reduction -= 1 }
                    reduction = max(0, min(reduction, depth - 2))
                }
                score = -negamax(
                    &position,
                    depth: depth - 1 - reduction,
                    alpha: -alpha - 1,
                    beta: -alpha,
                    ply: ply + 1,
                    isPV: false,
                    allowNull: true
                )
                if score > alpha && reduction > 0 {
                    score = -negamax(
                        &position,
                        depth: depth - 1,
                        alpha: -alpha - 1,
                        beta: -alpha,
                        ply: ply + 1,
                        isPV: false,
                        allowNull: true
                    )
                }
                if score > alpha && score < beta && isPV {
                    score = -negamax(
                        &position,
                        depth: depth - 1,
                        alpha: -beta,
                        beta: -alpha,
                        ply: ply + 1,
                        isPV: true,
                        allowNull: true
                    )
                }
            }
            keyCount -= 1
            position.unmake(move, undo)
            if stopped { return 0 }

            if score > bestScore {
                bestScore = score
                bestMove = move
                if score > alpha {
                    alpha = score
                    let row = principalVariations + ply * Self.maximumPly
                    let childRow = principalVariations + (ply + 1) * Self.maximumPly
                    row[ply] = move
                    var next = ply + 1
                    while next < principalVariationLengths[ply + 1] {
                        row[next] = childRow[next]
                        next += 1
                    }
                    principalVariationLengths[ply] = max(principalVariationLengths[ply + 1], ply + 1)
                    if alpha >= beta {
                        if isQuiet {
                            if killers[ply * 2] != move {
                                killers[ply * 2 + 1] = killers[ply * 2]
                                killers[ply * 2] = move
                            }
                            let slot = side * 4096 + move.fromIndex * 64 + move.toIndex
                            history[slot] += Int32(depth * depth)
                            // The quiet moves tried before it failed here: make them less attractive.
                            for tried in 0..<quietCount {
                                let other = quietsTried[tried]
                                history[side * 4096 + other.fromIndex * 64 + other.toIndex] -= Int32(depth * depth)
                            }
                            if history[slot] > 400_000 {
                                for entry in 0..<(2 * 64 * 64) { history[entry] /= 2 }
                            }
                        }
                        break
                    }
                }
            }
            if isQuiet && quietCount < 64 {
                quietsTried[quietCount] = move
                quietCount += 1
            }
        }

        let bound: TranspositionTable.Bound =
            bestScore >= beta ? .lower : (bestScore > originalAlpha ? .exact : .upper)
        table.store(key, move: bestMove, score: scoreToTable(bestScore, ply), depth: depth, bound: bound)
        return bestScore
    }

    private func quiescence(_ position: inout Position, alpha: Int, beta: Int, ply: Int) -> Int {
        principalVariationLengths[ply] = ply
        nodes &+= 1
        if nodes & 1023 == 0 { checkLimits() }
        if stopped { return 0 }
        if ply > selectiveDepth { selectiveDepth = ply }
        if ply >= Self.maximumPly - 2 { return evaluate(position) }

        let inCheck = generator.checkers(of: position) != 0
        var alpha = alpha
        var bestScore = -Self.infinity
        var standPat = -Self.infinity
        if !inCheck {
            standPat = evaluate(position)
            if standPat >= beta { return standPat }
            if standPat > alpha { alpha = standPat }
            bestScore = standPat
        }

        let moves = moveBuffer + ply * Self.movesPerPly
        let scores = scoreBuffer + ply * Self.movesPerPly
        let count = generator.generate(position, into: moves, noisyOnly: true)
        if count == 0 && inCheck { return -Self.mateScore + ply }
        scoreMoves(position, moves, scores, count, hashMove: .none, ply: ply)
        for index in 0..<count {
            pickBest(moves, scores, index, count)
            let move = moves[index]
            if !inCheck && move.promotion == nil {
                // Delta pruning: even winning this piece for free would not reach alpha.
                let victimCode = position.board.code(at: move.toIndex)
                let gain = victimCode == 0 ? 100 : Evaluation.pieceValue(Int(victimCode & 7) - 1)
                if standPat + gain + 200 <= alpha { continue }
                // A bigger piece taking a defended smaller one usually loses material: skip it.
                let attacker = Evaluation.pieceValue(Int(position.board.code(at: move.fromIndex) & 7) - 1)
                if attacker > gain + 50 && isDefended(position, square: move.toIndex) { continue }
            }
            let undo = position.make(move, tables)
            let score = -quiescence(&position, alpha: -beta, beta: -alpha, ply: ply + 1)
            position.unmake(move, undo)
            if stopped { return 0 }
            if score > bestScore {
                bestScore = score
                if score > alpha {
                    alpha = score
                    if alpha >= beta { break }
                }
            }
        }
        return bestScore
    }
}
