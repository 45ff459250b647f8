import ArgumentParser

/// `kibitz serve`'s options of the chess app.
public struct ChessOptions: ParsableArguments, Sendable {
    @Option(help: "Minutes without a move or a join after which a chess game ends as abandoned (fractions allowed).")
    public var chessAbandonAfterMinutes = 30.0

    @Option(help: "New chess games one client address may create per minute; more get 429.")
    public var chessGamesPerMinute = 30

    public init() {}

    public func validate() throws {
        guard chessAbandonAfterMinutes > 0, chessAbandonAfterMinutes <= 10_080 else {
            throw ValidationError("--chess-abandon-after-minutes must be more than 0 and at most 10080 (a week)")
        }
        guard (1...10_000).contains(chessGamesPerMinute) else {
            throw ValidationError("--chess-games-per-minute must be 1 to 10000")
        }
    }
}
