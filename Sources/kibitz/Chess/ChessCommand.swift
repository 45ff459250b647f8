import ArgumentParser

/// `kibitz chess`: the chess engine's tools (perft, UCI, analysis).
struct ChessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chess",
        abstract: "Chess engine tools: move-generation checks, a UCI engine, position analysis.",
        subcommands: [ChessPerftCommand.self, ChessUCICommand.self, ChessAnalyseCommand.self]
    )
}
