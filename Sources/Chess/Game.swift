/// A game in progress or finished: the starting position, the moves played, and the rules that
/// need the history (threefold repetition), plus PGN tags.
///
/// By default the game also ends on the claimable draws (the fifty-move rule and threefold
/// repetition), as online servers do, so a game against the AI never stalls. With
/// `endsOnClaimableDraws` off it ends only as FIDE rules end it without a claim (checkmate,
/// stalemate, insufficient material, the seventy-five-move rule, fivefold repetition), which is
/// also python-chess's `outcome()`.
public struct Game: Sendable {
    /// Whether the fifty-move rule and threefold repetition end the game without a claim.
    public var endsOnClaimableDraws = true
    /// The position before the first move.
    public private(set) var startingPosition: Position
    /// The current position.
    public private(set) var position: Position
    /// The moves played so far.
    public private(set) var moves: [Move] = []
    /// The SAN of each move, in the position it was played in.
    public private(set) var sanMoves: [String] = []
    /// Zobrist keys of every position so far, the current one last.
    public private(set) var positionKeys: [UInt64]
    /// An ending not visible on the board (resignation, agreement, time forfeit), if any.
    public private(set) var declaredOutcome: GameOutcome?
    /// PGN tags in order; the seven-tag roster comes first when exported.
    public var tags: [(name: String, value: String)] = []

    /// Starts a game from a position (the standard starting position by default).
    public init(startingPosition: Position = Position()) {
        self.startingPosition = startingPosition
        self.position = startingPosition
        self.positionKeys = [startingPosition.zobristKey]
    }

    /// Plays a legal move; throws if the game is over.
    public mutating func play(_ move: Move) throws(ChessError) {
        guard outcome == nil else { throw .illegalMove("the game is over (\(outcome!))") }
        guard MoveGenerator().legalMoves(in: position).contains(move) else {
            throw .illegalMove("\(move.uci) is not legal in \(position.fen)")
        }
        sanMoves.append(position.san(for: move))
        position.play(move)
        moves.append(move)
        positionKeys.append(position.zobristKey)
    }

    /// Plays a move written in UCI or SAN notation; returns the move.
    @discardableResult
    public mutating func play(notation text: String) throws(ChessError) -> Move {
        let move = try position.move(notation: text)
        try play(move)
        return move
    }

    /// Ends the game by resignation of the given side.
    public mutating func resign(_ color: Color) {
        guard outcome == nil else { return }
        declaredOutcome = GameOutcome(winner: color.opposite, reason: .resignation)
    }

    /// Ends the game with an outcome decided off the board (agreement, time forfeit).
    public mutating func declare(_ outcome: GameOutcome) {
        guard self.outcome == nil else { return }
        declaredOutcome = outcome
    }

    /// How many times the current position has occurred (same placement, side, castling and en passant).
    public var repetitionCount: Int {
        Self.repetitions(of: positionKeys, halfmoveClock: position.halfmoveClock)
    }

    /// Counts occurrences of the last key among the earlier ones that can still repeat it:
    /// same side to move (every second ply), and no capture or pawn move in between.
    static func repetitions(of keys: [UInt64], halfmoveClock: Int) -> Int {
        guard let current = keys.last else { return 0 }
        var count = 1
        var index = keys.count - 3
        let oldest = max(0, keys.count - 1 - halfmoveClock)
        while index >= oldest {
            if keys[index] == current { count += 1 }
            index -= 2
        }
        return count
    }

    /// The outcome if the game is over, else nil.
    public var outcome: GameOutcome? {
        if let declaredOutcome { return declaredOutcome }
        let hasMoves = MoveGenerator().legalMoveCount(in: position) > 0
        if !hasMoves && position.isCheck {
            return GameOutcome(winner: position.sideToMove.opposite, reason: .checkmate)
        }
        if position.isInsufficientMaterial { return GameOutcome(winner: nil, reason: .insufficientMaterial) }
        if !hasMoves { return GameOutcome(winner: nil, reason: .stalemate) }
        if position.halfmoveClock >= 150 { return GameOutcome(winner: nil, reason: .seventyFiveMoveRule) }
        let repetitions = repetitionCount
        if repetitions >= 5 { return GameOutcome(winner: nil, reason: .fivefoldRepetition) }
        guard endsOnClaimableDraws else { return nil }
        if position.halfmoveClock >= 100 { return GameOutcome(winner: nil, reason: .fiftyMoveRule) }
        if repetitions >= 3 { return GameOutcome(winner: nil, reason: .threefoldRepetition) }
        return nil
    }

    /// True when the game has ended.
    public var isOver: Bool { outcome != nil }

    /// The value of a tag, if set.
    public func tag(_ name: String) -> String? { tags.first { $0.name == name }?.value }

    /// Sets or replaces a tag.
    public mutating func setTag(_ name: String, _ value: String) {
        if let index = tags.firstIndex(where: { $0.name == name }) {
            tags[index].value = value
        } else {
            tags.append((name, value))
        }
    }
}
