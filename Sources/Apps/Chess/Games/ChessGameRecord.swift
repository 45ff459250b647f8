import Chess
import FastJSON
import Foundation

/// Everything the server holds about one game: the authoritative rules state and its seats.
struct ChessGameRecord: Sendable {
    let gameID: String
    let mode: ChessGameMode
    let level: Int
    var white: ChessSeat
    var black: ChessSeat
    var game = Game()
    var moves: [ChessMoveEvent] = []
    var endedPublished = false
    /// When someone last moved or joined: games idle for too long end as abandoned.
    var lastActivity = Date()

    init(gameID: String, mode: ChessGameMode, level: Int, white: ChessSeat, black: ChessSeat) {
        self.gameID = gameID
        self.mode = mode
        self.level = level
        self.white = white
        self.black = black
        game.setTag("White", white.name)
        game.setTag("Black", black.name)
    }

    func seat(_ color: Color) -> ChessSeat { color == .white ? white : black }

    /// Seats a player or the engine, keeping the PGN's player tags in step.
    mutating func seat(_ seat: ChessSeat, as color: Color) {
        if color == .white { white = seat } else { black = seat }
        game.setTag(color == .white ? "White" : "Black", seat.name)
    }

    /// The colour whose seat holds `token`, if any.
    func color(holding token: String?) -> Color? {
        guard let token, !token.isEmpty else { return nil }
        let digest = PlayerToken.digest(token)
        if white.tokenSha256 == digest { return .white }
        if black.tokenSha256 == digest { return .black }
        return nil
    }

    /// The engine's level if the engine has the move.
    var engineLevelToMove: Int? { seat(game.position.sideToMove).engineLevel }

    var gameStartedEvent: ChessGameEvent {
        ChessGameEvent(
            gameID: gameID,
            event: .started,
            white: white.name,
            black: black.name,
            mode: mode.rawValue,
            result: nil,
            reason: nil,
            ts: EventJSON.nowMilliseconds()
        )
    }

    var seatingEvent: ChessSeatingEvent {
        ChessSeatingEvent(
            gameID: gameID,
            mode: mode,
            level: level,
            white: white,
            black: black,
            ts: EventJSON.nowMilliseconds()
        )
    }

    /// The `ended` event, once the game is over.
    var gameEndedEvent: ChessGameEvent? {
        guard let outcome = game.outcome else { return nil }
        return ChessGameEvent(
            gameID: gameID,
            event: .ended,
            white: white.name,
            black: black.name,
            mode: mode.rawValue,
            result: outcome.result,
            reason: outcome.reason.rawValue,
            ts: EventJSON.nowMilliseconds()
        )
    }

    var snapshot: ChessGameSnapshot {
        let position = game.position
        let outcome = game.outcome
        return ChessGameSnapshot(
            gameID: gameID,
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
