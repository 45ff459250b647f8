import ArgumentParser
import Chess

/// `kibitz chess perft FEN DEPTH [--divide]`: counts legal move paths; the node count is on the last line.
struct ChessPerftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perft",
        abstract: "Count the leaf nodes of the legal move tree (the node count is printed on the last line).",
        discussion: "FEN may also be 'startpos'. Timing goes to standard error so standard output stays parseable."
    )

    @Argument(help: "The position as FEN (quote it), or 'startpos'.")
    var fen: String

    @Argument(help: "The depth in plies.")
    var depth: Int

    @Flag(help: "Also print the node count below each root move, like Stockfish's 'go perft'.")
    var divide = false

    func validate() throws {
        guard depth >= 0 && depth <= 20 else { throw ValidationError("depth must be between 0 and 20") }
    }

    func run() throws {
        let position: Position
        do {
            position = fen == "startpos" ? Position() : try Position(fen: fen)
        } catch {
            throw ValidationError(error.description)
        }
        let generator = MoveGenerator()
        let clock = ContinuousClock()
        let start = clock.now
        var nodes: UInt64 = 0
        if divide {
            for (move, count) in generator.divide(position, depth: depth) {
                print("\(move.uci): \(count)")
                nodes += count
            }
            print("")
        } else {
            nodes = generator.perft(position, depth: depth)
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(nodes) / seconds : 0
        printToStandardError(
            "perft depth \(depth): \(nodes) nodes in \(String(format3(seconds))) s, \(Int(rate)) nodes/s"
        )
        print(nodes)
    }
}

/// Formats a number with three decimals without Foundation.
func format3(_ value: Double) -> String {
    let thousandths = Int((value * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}
