/// Portable Game Notation: export of a `Game` with its tags, and import of one or many games.
public enum PGN {
    /// The seven-tag roster, exported first and in this order.
    public static let sevenTagRoster = ["Event", "Site", "Date", "Round", "White", "Black", "Result"]

    /// The game as PGN: tags (the seven-tag roster first, with `?` placeholders), `SetUp`/`FEN` for
    /// a non-standard start, then SAN movetext wrapped at 80 columns, ending with the result.
    public static func export(_ game: Game) -> String {
        let result = game.outcome?.result ?? game.tag("Result") ?? "*"
        var lines: [String] = []
        for name in sevenTagRoster {
            let value: String
            switch name {
            case "Result": value = result
            case "Date": value = game.tag(name) ?? "????.??.??"
            default: value = game.tag(name) ?? "?"
            }
            lines.append(tagLine(name, value))
        }
        let standardStart = game.startingPosition.fen == Position.startingFEN
        if !standardStart {
            lines.append(tagLine("SetUp", "1"))
            lines.append(tagLine("FEN", game.startingPosition.fen))
        }
        for (name, value) in game.tags where !sevenTagRoster.contains(name) && name != "SetUp" && name != "FEN" {
            lines.append(tagLine(name, value))
        }
        lines.append("")

        var tokens: [String] = []
        var moveNumber = game.startingPosition.fullmoveNumber
        var side = game.startingPosition.sideToMove
        for (index, san) in game.sanMoves.enumerated() {
            if side == .white {
                tokens.append("\(moveNumber).")
            } else if index == 0 {
                tokens.append("\(moveNumber)...")
            }
            tokens.append(san)
            if side == .black { moveNumber += 1 }
            side = side.opposite
        }
        tokens.append(result)
        var line = ""
        for token in tokens {
            if !line.isEmpty && line.count + 1 + token.count > 80 {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? token : " " + token
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func tagLine(_ name: String, _ value: String) -> String {
        let escaped = value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
        return "[\(name) \"\(escaped)\"]"
    }

    /// Parses every game in a PGN text (tags, movetext with comments, variations, NAGs and move numbers).
    public static func games(from text: String) throws(ChessError) -> [Game] {
        var parser = Parser(text: Array(text.unicodeScalars))
        var games: [Game] = []
        while let game = try parser.nextGame() { games.append(game) }
        return games
    }

    /// Parses a PGN text holding exactly one game.
    public static func game(from text: String) throws(ChessError) -> Game {
        let all = try games(from: text)
        guard all.count == 1 else { throw .invalidPGN("expected one game, found \(all.count)") }
        return all[0]
    }

    /// A hand-written scanner over Unicode scalars (PGN is line-oriented ASCII in practice).
    private struct Parser {
        let text: [Unicode.Scalar]
        var index = 0

        init(text: [Unicode.Scalar]) { self.text = text }

        mutating func skipSpaceAndComments() {
            while index < text.count {
                let scalar = text[index]
                if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                    index += 1
                } else if scalar == "{" {
                    while index < text.count && text[index] != "}" { index += 1 }
                    index += 1
                } else if scalar == ";" || (scalar == "%" && (index == 0 || text[index - 1] == "\n")) {
                    while index < text.count && text[index] != "\n" { index += 1 }
                } else {
                    return
                }
            }
        }

        mutating func nextGame() throws(ChessError) -> Game? {
            var tags: [(String, String)] = []
            skipSpaceAndComments()
            while index < text.count && text[index] == "[" {
                tags.append(try readTag())
                skipSpaceAndComments()
            }
            guard index < text.count || !tags.isEmpty else { return nil }

            var start = Position()
            if let fen = tags.first(where: { $0.0 == "FEN" })?.1 {
                do { start = try Position(fen: fen) } catch { throw .invalidPGN("bad FEN tag: \(error.description)") }
            }
            var game = Game(startingPosition: start)
            game.endsOnClaimableDraws = false
            for (name, value) in tags { game.setTag(name, value) }

            while true {
                skipSpaceAndComments()
                guard index < text.count else { break }
                let scalar = text[index]
                if scalar == "[" { break }  // the next game's tags
                if scalar == "(" {
                    try skipVariation()
                    continue
                }
                let token = readToken()
                if token.isEmpty {
                    throw .invalidPGN("unexpected character '\(scalar)' in movetext")
                }
                if ["1-0", "0-1", "1/2-1/2", "*"].contains(token) {
                    if game.tag("Result") == nil { game.setTag("Result", token) }
                    break
                }
                if token.hasPrefix("$") { continue }  // numeric annotation glyph
                var move = token
                // Strip a leading move number such as "12." or "12..." (possibly glued to the move).
                while let first = move.first, first.isNumber { move.removeFirst() }
                while move.first == "." { move.removeFirst() }
                if move.isEmpty { continue }
                do {
                    try game.play(notation: move)
                } catch {
                    throw .invalidPGN("move \(game.moves.count / 2 + 1) '\(move)': \(error.description)")
                }
            }
            return game
        }

        mutating func readTag() throws(ChessError) -> (String, String) {
            index += 1  // "["
            var name = ""
            while index < text.count && text[index] != " " && text[index] != "\"" && text[index] != "]" {
                name.unicodeScalars.append(text[index])
                index += 1
            }
            while index < text.count && text[index] == " " { index += 1 }
            guard index < text.count && text[index] == "\"" else {
                throw .invalidPGN("tag \(name) has no quoted value")
            }
            index += 1
            var value = ""
            while index < text.count && text[index] != "\"" {
                if text[index] == "\\" && index + 1 < text.count { index += 1 }
                value.unicodeScalars.append(text[index])
                index += 1
            }
            guard index < text.count else { throw .invalidPGN("tag \(name) is not closed") }
            index += 1
            while index < text.count && text[index] != "]" { index += 1 }
            guard index < text.count else { throw .invalidPGN("tag \(name) is missing ']'") }
            index += 1
            guard !name.isEmpty else { throw .invalidPGN("a tag has no name") }
            return (name, value)
        }

        mutating func skipVariation() throws(ChessError) {
            var depth = 0
            repeat {
                guard index < text.count else { throw .invalidPGN("unclosed variation") }
                switch text[index] {
                case "(": depth += 1
                case ")": depth -= 1
                case "{":
                    while index < text.count && text[index] != "}" { index += 1 }
                default: break
                }
                index += 1
            } while depth > 0
        }

        mutating func readToken() -> String {
            var token = ""
            while index < text.count {
                let scalar = text[index]
                if " \t\n\r{}()[];".unicodeScalars.contains(scalar) { break }
                token.unicodeScalars.append(scalar)
                index += 1
            }
            return token
        }
    }
}

extension Game {
    /// The game in Portable Game Notation.
    public var pgn: String { PGN.export(self) }

    /// Reads a single-game PGN text.
    public init(pgn: String) throws(ChessError) {
        self = try PGN.game(from: pgn)
    }
}

extension String {
    /// Replaces every occurrence of a substring (the Chess target avoids Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var remainder = self[...]
        while let range = remainder.firstRange(of: target) {
            result += remainder[..<range.lowerBound]
            result += replacement
            remainder = remainder[range.upperBound...]
        }
        return result + remainder
    }
}
