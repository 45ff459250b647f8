import Chess
import Foundation

/// Everything the server holds about one game: the authoritative rules state and its seats.
struct ChessGameRecord: Sendable {
    struct Seat: Sendable {
        var name: String
        /// The secret the seat's browser sends with its moves; nil for the engine or an empty seat.
        var token: String?
        /// The engine's playing level when the engine has this seat.
        var engineLevel: Int?
    }

    let gameId: String
    let mode: ChessGameMode
    let level: Int
    var white: Seat
    var black: Seat
    var game = Game()
    var moves: [ChessMoveEvent] = []
    var endedPublished = false
    let createdAt = Date()

    func seat(_ color: Color) -> Seat { color == .white ? white : black }

    /// The colour whose seat holds `token`, if any.
    func color(holding token: String?) -> Color? {
        guard let token, !token.isEmpty else { return nil }
        if white.token == token { return .white }
        if black.token == token { return .black }
        return nil
    }

    /// The engine's level if the engine has the move.
    var engineLevelToMove: Int? { seat(game.position.sideToMove).engineLevel }

    var gameStartedEvent: ChessGameEvent {
        ChessGameEvent(
            gameId: gameId,
            event: .started,
            white: white.name,
            black: black.name,
            mode: mode.rawValue,
            result: nil,
            reason: nil,
            ts: EventJSON.nowMilliseconds()
        )
    }

    var snapshot: ChessGameSnapshot {
        let position = game.position
        let outcome = game.outcome
        return ChessGameSnapshot(
            gameId: gameId,
            white: white.name,
            black: black.name,
            mode: mode,
            level: level,
            status: outcome == nil ? "active" : "ended",
            result: outcome?.result,
            reason: outcome?.reason.rawValue,
            fen: position.fen,
            turn: position.sideToMove.name,
            check: position.isCheck,
            moves: moves,
            legalMoves: outcome == nil ? position.legalMoves.map(\.uci) : [],
            lastMove: game.moves.last.map { .init(from: $0.from.description, to: $0.to.description) },
            pgn: game.pgn
        )
    }
}
