import Chess
import FastJSON
import Foundation

extension ChessGameRecord {
    /// Plays a legal move and records its event, as the `moves` topic will carry it.
    mutating func play(_ move: Move, by mover: String) throws -> ChessMoveEvent {
        let before = game.position
        let san = before.san(for: move)
        let piece = before[move.from]?.kind.letter.uppercased() ?? "P"
        do {
            try game.play(move)
        } catch {
            throw ChessGameFailure.illegalMove("illegal move '\(move.uci)': \(error)")
        }
        let ply = game.moves.count
        let event = ChessMoveEvent(
            moveID: "\(gameID)-\(ply)",
            gameID: gameID,
            ply: ply,
            color: before.sideToMove.name,
            by: mover,
            uci: move.uci,
            san: san,
            piece: piece,
            from: move.from.description,
            to: move.to.description,
            fen: game.position.fen,
            ts: EventJSON.nowMilliseconds()
        )
        moves.append(event)
        lastActivity = Date()
        return event
    }
}
