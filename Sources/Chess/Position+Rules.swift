extension Position {
    /// All legal moves of the side to move.
    public var legalMoves: [Move] { MoveGenerator().legalMoves(in: self) }

    /// True when the side to move is in check.
    public var isCheck: Bool { MoveGenerator().checkers(of: self) != 0 }

    /// True when the side to move is in check and has no legal move.
    public var isCheckmate: Bool { isCheck && MoveGenerator().legalMoveCount(in: self) == 0 }

    /// True when the side to move is not in check and has no legal move.
    public var isStalemate: Bool { !isCheck && MoveGenerator().legalMoveCount(in: self) == 0 }

    /// True when the fifty-move rule applies: 100 plies without a capture or pawn move, and the game is not mate.
    public var isFiftyMoveDraw: Bool { halfmoveClock >= 100 && MoveGenerator().legalMoveCount(in: self) > 0 }

    /// True when neither side has the material to ever deliver mate.
    ///
    /// Uses the same test as python-chess: a side is insufficient with a bare king, a lone knight
    /// (when the opponent has only a king and queens, so no self-mate help), or bishops all on one
    /// square colour (when there are no pawns, knights or opposite-coloured bishops anywhere).
    public var isInsufficientMaterial: Bool {
        hasInsufficientMaterial(.white) && hasInsufficientMaterial(.black)
    }

    /// True when the given side alone can never deliver mate, whatever the opponent does.
    public func hasInsufficientMaterial(_ color: Color) -> Bool {
        let own = board.color(Int(color.rawValue))
        let opponents = board.color(Int(color.opposite.rawValue))
        let pawns = board.kind(0)
        let knights = board.kind(1)
        let bishops = board.kind(2)
        let rooks = board.kind(3)
        let queens = board.kind(4)
        let kings = board.kind(5)
        if own & (pawns | rooks | queens) != 0 { return false }
        if own & knights != 0 {
            return own.nonzeroBitCount <= 2 && opponents & ~kings & ~queens == 0
        }
        if own & bishops != 0 {
            let sameColor = bishops & BoardMask.darkSquares == 0 || bishops & BoardMask.lightSquares == 0
            return sameColor && pawns == 0 && knights == 0
        }
        return true
    }

    /// The legal move written in UCI long algebraic notation (`e2e4`, `e7e8q`, `e1g1`), if any.
    public func move(uci text: String) -> Move? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.count == 4 || trimmed.count == 5 else { return nil }
        let characters = Array(trimmed)
        guard let from = Square(String(characters[0...1])), let to = Square(String(characters[2...3])) else {
            return nil
        }
        var promotion: PieceKind?
        if characters.count == 5 {
            guard let kind = PieceKind(letter: characters[4]), kind != .pawn, kind != .king else { return nil }
            promotion = kind
        }
        return legalMoves.first { $0.from == from && $0.to == to && $0.promotion == promotion }
    }

    /// Parses a move in UCI or SAN notation, throwing a clear error when it is malformed, illegal or ambiguous.
    public func move(notation text: String) throws(ChessError) -> Move {
        if let move = move(uci: text) { return move }
        return try move(san: text)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
