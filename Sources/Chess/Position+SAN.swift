extension Position {
    /// Standard Algebraic Notation for a legal move, with the minimal disambiguation and `+` or `#`.
    public func san(for move: Move) -> String {
        var text = sanWithoutSuffix(for: move)
        let after = playing(move)
        if after.isCheck { text += MoveGenerator().legalMoveCount(in: after) == 0 ? "#" : "+" }
        return text
    }

    private func sanWithoutSuffix(for move: Move) -> String {
        if move.isCastling { return move.to.file == 6 ? "O-O" : "O-O-O" }
        guard let piece = self[move.from] else { return move.uci }
        let isCapture = self[move.to] != nil || move.isEnPassant
        var text = ""
        if piece.kind == .pawn {
            if isCapture { text += move.from.fileName + "x" }
            text += move.to.description
            if let promotion = move.promotion { text += "=" + String(promotion.letter) }
            return text
        }
        text.append(piece.kind.letter)
        let rivals = legalMoves.filter {
            $0.to == move.to && $0.from != move.from && self[$0.from]?.kind == piece.kind
        }
        if !rivals.isEmpty {
            if !rivals.contains(where: { $0.from.file == move.from.file }) {
                text += move.from.fileName
            } else if !rivals.contains(where: { $0.from.rank == move.from.rank }) {
                text += move.from.rankName
            } else {
                text += move.from.description
            }
        }
        if isCapture { text += "x" }
        text += move.to.description
        return text
    }

    /// Parses Standard Algebraic Notation such as `Nf3`, `exd5`, `e8=Q+`, `O-O`, `R1a3` or `Qh4xe1`.
    ///
    /// Check and annotation marks are ignored, `0-0` is accepted for castling and over-specified
    /// origins are accepted; a move that matches no legal move, or more than one, is an error.
    public func move(san text: String) throws(ChessError) -> Move {
        var body = text.trimmingWhitespace()
        while let last = body.last, "+#!?".contains(last) { body.removeLast() }
        if body.hasSuffix("e.p.") { body.removeLast(4) }
        body = body.trimmingWhitespace()
        guard !body.isEmpty else { throw .illegalMove("empty move") }
        let legal = legalMoves

        if body == "O-O" || body == "0-0" || body == "O-O-O" || body == "0-0-0" {
            let file = body.count == 3 ? 6 : 2
            if let move = legal.first(where: { $0.isCastling && $0.to.file == file }) { return move }
            throw .illegalMove("'\(text)': castling is not legal here")
        }

        var characters = Array(body)
        var kind = PieceKind.pawn
        if let first = characters.first, first.isUppercase, let parsed = PieceKind(letter: first) {
            kind = parsed
            characters.removeFirst()
        }
        var promotion: PieceKind?
        if let last = characters.last, let parsed = PieceKind(letter: last), last.isUppercase || kind == .pawn,
            characters.count >= 3, !last.isNumber
        {
            // "e8=Q", "e8Q" or (lenient) "e8q".
            if kind == .pawn || last.isUppercase {
                promotion = parsed
                characters.removeLast()
                if characters.last == "=" { characters.removeLast() }
            }
        }
        guard characters.count >= 2, let target = Square(String(characters.suffix(2))) else {
            throw .illegalMove("'\(text)' is not a move in SAN or UCI notation")
        }
        characters.removeLast(2)
        if characters.last == "x" || characters.last == ":" { characters.removeLast() }
        var fromFile: Int?
        var fromRank: Int?
        for character in characters {
            if let ascii = character.asciiValue, (97...104).contains(ascii) {
                fromFile = Int(ascii) - 97
            } else if let ascii = character.asciiValue, (49...56).contains(ascii) {
                fromRank = Int(ascii) - 49
            } else {
                throw .illegalMove("'\(text)' is not a move in SAN or UCI notation")
            }
        }
        let candidates = legal.filter { move in
            self[move.from]?.kind == kind && move.to == target && move.promotion == promotion && !move.isCastling
                && (fromFile == nil || move.from.file == fromFile) && (fromRank == nil || move.from.rank == fromRank)
        }
        guard let move = candidates.first else {
            throw .illegalMove("'\(text)' is not legal in this position")
        }
        guard candidates.count == 1 else {
            throw .illegalMove("'\(text)' is ambiguous: \(candidates.map { san(for: $0) }.joined(separator: ", "))")
        }
        return move
    }
}
