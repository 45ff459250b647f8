import ArgumentParser
import Chess

/// `kibitz chess analyse`: reads positions on standard input and prints their legal moves and status as JSON lines.
///
/// Each input line is `startpos [moves M1 M2 ...]` or `fen FEN [moves M1 M2 ...]` (the arguments of
/// UCI's `position` command); moves may be UCI or SAN. For each line it prints one JSON object for
/// the final position, or, with `--every-ply`, one per position from the start to the end. A line
/// that cannot be read prints `{"error": "..."}` and the tool carries on with the next line.
struct ChessAnalyseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyse",
        abstract: "Print legal moves (UCI and SAN), FEN and game status of positions read from stdin, as JSON lines.",
        discussion: """
            Input lines look like UCI's position arguments: 'startpos moves e2e4 e7e5' or \
            'fen <FEN> moves Nf3'. Output fields: fen, turn, legal (uci and san of every legal move, \
            sorted by uci), check, checkmate, stalemate, insufficient_material, fifty_moves, \
            repetitions, outcome and reason (the game verdict, null while it goes on).
            """
    )

    @Flag(help: "Print a JSON line for every position along the moves, not just the last one.")
    var everyPly = false

    @Flag(
        inversion: .prefixedNo,
        help:
            "Whether the fifty-move rule and threefold repetition end the game (else only the FIDE automatic endings)."
    )
    var claimableDrawsEndGame = true

    func run() throws {
        while let line = readLine() {
            let trimmed = line.split(separator: " ", omittingEmptySubsequences: true)
            if trimmed.isEmpty { continue }
            do {
                var output = ""
                try analyse(line, into: &output)
                print(output, terminator: "")
            } catch {
                print("{\"error\": \(jsonString(error.description))}")
            }
        }
    }

    private func analyse(_ line: String, into output: inout String) throws(ChessError) {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let movesIndex = words.firstIndex(of: "moves") ?? words.count
        let start: Position
        switch words.first {
        case "startpos": start = Position()
        case "fen": start = try Position(fen: words[1..<movesIndex].joined(separator: " "))
        default: throw .invalidFEN("a line must start with 'startpos' or 'fen', got '\(words.first ?? "")'")
        }
        var game = Game(startingPosition: start)
        game.endsOnClaimableDraws = claimableDrawsEndGame
        if everyPly { output += Self.describe(game) + "\n" }
        for text in words.dropFirst(movesIndex + 1) {
            try game.play(notation: text)
            if everyPly { output += Self.describe(game) + "\n" }
        }
        if !everyPly { output += Self.describe(game) + "\n" }
    }

    static func describe(_ game: Game) -> String {
        let position = game.position
        let legal = position.legalMoves.sorted { $0.uci < $1.uci }
        let moves = legal.map { "{\"uci\": \(jsonString($0.uci)), \"san\": \(jsonString(position.san(for: $0)))}" }
        let outcome = game.outcome
        var fields: [String] = []
        fields.append("\"fen\": \(jsonString(position.fen))")
        fields.append("\"turn\": \(jsonString(position.sideToMove.description))")
        fields.append("\"legal\": [\(moves.joined(separator: ", "))]")
        fields.append("\"check\": \(position.isCheck)")
        fields.append("\"checkmate\": \(position.isCheckmate)")
        fields.append("\"stalemate\": \(position.isStalemate)")
        fields.append("\"insufficient_material\": \(position.isInsufficientMaterial)")
        fields.append("\"fifty_moves\": \(position.isFiftyMoveDraw)")
        fields.append("\"repetitions\": \(game.repetitionCount)")
        fields.append("\"outcome\": \(outcome.map { jsonString($0.result) } ?? "null")")
        fields.append("\"reason\": \(outcome.map { jsonString($0.reason.rawValue) } ?? "null")")
        return "{" + fields.joined(separator: ", ") + "}"
    }
}

/// A JSON string literal for the text (quotes, backslashes and control characters escaped).
func jsonString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result + "\""
}
