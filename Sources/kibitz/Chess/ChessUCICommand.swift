import ArgumentParser
import Chess

/// `kibitz chess uci`: the engine speaking the Universal Chess Interface on stdin/stdout.
struct ChessUCICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uci",
        abstract: "Run the chess engine as a UCI engine on standard input and output.",
        discussion: """
            Supports uci, isready, ucinewgame, setoption (Skill Level 1-10), position startpos|fen ... \
            moves ..., go (wtime, btime, winc, binc, movestogo, movetime, depth, nodes, infinite), stop and quit.
            """
    )

    func run() throws {
        let session = UCISession()
        while let line = readLine() {
            if !session.handle(line) { return }
        }
        session.stopSearch()
    }
}
