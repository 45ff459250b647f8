extension Position {
    /// Parses Forsyth-Edwards Notation.
    ///
    /// The move clocks may be omitted (they default to 0 and 1). An en passant square is accepted
    /// even when no capture onto it is legal, and is then dropped. Castling rights whose king or rook
    /// is not on its home square are dropped too. Positions that cannot occur (a missing or extra
    /// king, pawns on the first or last rank, the side not to move in check) are rejected.
    public init(fen: String) throws(ChessError) {
        self.init(empty: ())
        let fields = fen.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count >= 4 && fields.count <= 6 else {
            throw .invalidFEN("expected 4 to 6 space-separated fields, got \(fields.count)")
        }
        let ranks = fields[0].split(separator: "/", omittingEmptySubsequences: false)
        guard ranks.count == 8 else { throw .invalidFEN("placement must have 8 ranks, got \(ranks.count)") }
        for (rankOffset, rankText) in ranks.enumerated() {
            let rank = 7 - rankOffset
            var file = 0
            for character in rankText {
                if let digit = character.wholeNumberValue, (1...8).contains(digit) {
                    file += digit
                } else if let piece = Piece(fenLetter: character) {
                    guard file < 8 else { throw .invalidFEN("rank \(rank + 1) has more than 8 squares") }
                    board.put(piece.code, at: rank * 8 + file)
                    file += 1
                } else {
                    throw .invalidFEN("unexpected character '\(character)' in placement")
                }
                guard file <= 8 else { throw .invalidFEN("rank \(rank + 1) has more than 8 squares") }
            }
            guard file == 8 else { throw .invalidFEN("rank \(rank + 1) has \(file) squares, expected 8") }
        }

        switch fields[1] {
        case "w": sideToMove = .white
        case "b": sideToMove = .black
        default: throw .invalidFEN("side to move must be 'w' or 'b', got '\(fields[1])'")
        }

        var rights: CastlingRights = []
        if fields[2] != "-" {
            for character in fields[2] {
                switch character {
                case "K": rights.insert(.whiteKingside)
                case "Q": rights.insert(.whiteQueenside)
                case "k": rights.insert(.blackKingside)
                case "q": rights.insert(.blackQueenside)
                default: throw .invalidFEN("unexpected castling character '\(character)'")
                }
            }
        }

        for color in Color.allCases {
            let kings = count(of: Piece(color, .king))
            guard kings == 1 else { throw .invalidFEN("\(color.name) must have exactly one king, has \(kings)") }
        }
        guard board.kind(0) & (BoardMask.rank1 | BoardMask.rank8) == 0 else {
            throw .invalidFEN("pawns cannot stand on the first or last rank")
        }
        // Keep only the rights whose king and rook are still at home.
        let homes: [(CastlingRights, Int, Int, Color)] = [
            (.whiteKingside, 4, 7, .white), (.whiteQueenside, 4, 0, .white),
            (.blackKingside, 60, 63, .black), (.blackQueenside, 60, 56, .black),
        ]
        for (right, kingHome, rookHome, color) in homes where rights.contains(right) {
            if board.code(at: kingHome) != Piece(color, .king).code
                || board.code(at: rookHome) != Piece(color, .rook).code
            {
                rights.remove(right)
            }
        }
        castlingRights = rights

        let tables = AttackTables.shared
        if fields[3] != "-" {
            guard let square = Square(fields[3]), square.rank == (sideToMove == .white ? 5 : 2) else {
                throw .invalidFEN(
                    "en passant square must be on the 6th (white to move) or 3rd rank, got '\(fields[3])'"
                )
            }
            // Keep it only if a pawn just double-pushed past it and a capture onto it is legal.
            let us = Int(sideToMove.rawValue)
            let pushedPawn = square.index ^ 8
            let pawnThere = board.code(at: pushedPawn) == Piece(sideToMove.opposite, .pawn).code
            let startEmpty = board.code(at: us == 0 ? square.index + 8 : square.index - 8) == 0
            if pawnThere && startEmpty && board.code(at: square.index) == 0 {
                var candidates = tables.pawnAttacks(us ^ 1, square.index) & board.kind(0) & board.color(us)
                while candidates != 0 {
                    if isLegalEnPassant(from: candidates.popLowestSquare(), to: square.index, tables) {
                        enPassantIndex = square.index
                        break
                    }
                }
            }
        }

        if fields.count > 4 {
            guard let clock = Int(fields[4]), clock >= 0 else {
                throw .invalidFEN("halfmove clock must be a non-negative number, got '\(fields[4])'")
            }
            halfmoveClock = clock
        }
        if fields.count > 5 {
            guard let number = Int(fields[5]), number >= 1 else {
                throw .invalidFEN("fullmove number must be a positive number, got '\(fields[5])'")
            }
            fullmoveNumber = number
        }

        // The side that just moved cannot have left its own king in check.
        sideToMove = sideToMove.opposite
        let opponentInCheck = MoveGenerator().checkers(of: self) != 0
        sideToMove = sideToMove.opposite
        guard !opponentInCheck else {
            throw .invalidFEN("the side not to move (\(sideToMove.opposite.name)) is in check")
        }
        zobristKey = computeKey(tables)
    }

    /// The position in Forsyth-Edwards Notation.
    public var fen: String {
        var text = ""
        for rank in stride(from: 7, through: 0, by: -1) {
            var empty = 0
            for file in 0..<8 {
                let code = board.code(at: rank * 8 + file)
                if code == 0 {
                    empty += 1
                } else {
                    if empty > 0 { text += String(empty) }
                    empty = 0
                    text.append(Piece(code: code).fenLetter)
                }
            }
            if empty > 0 { text += String(empty) }
            if rank > 0 { text += "/" }
        }
        text +=
            " \(sideToMove) \(castlingRights) \(enPassantSquare?.description ?? "-") \(halfmoveClock) \(fullmoveNumber)"
        return text
    }
}
