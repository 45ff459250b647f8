import Foundation

extension ChessGameRecord {
    /// The game as its events tell it, its moves replayed through the rules; nil for a game of a
    /// mode this server does not play (another producer's).
    ///
    /// Replay stops at the first move that does not follow from the ones before, so a damaged or
    /// foreign record leaves a playable game rather than none.
    init?(restoring history: ChessGameHistory.Game) {
        let started = history.started
        let seating = history.seating
        guard let mode = seating?.mode ?? ChessGameMode(rawValue: started.mode) else { return nil }
        self.init(
            gameID: started.gameID,
            mode: mode,
            level: seating?.level ?? ChessGameStore.defaultLevel,
            white: seating?.white ?? ChessSeat(name: started.white),
            black: seating?.black ?? ChessSeat(name: started.black)
        )
        var lastTimestamp = max(started.ts, seating?.ts ?? 0)
        for event in history.moves {
            guard event.ply == game.moves.count + 1, (try? game.play(notation: event.uci)) != nil else { break }
            moves.append(event)
            lastTimestamp = max(lastTimestamp, event.ts)
        }
        lastActivity = Date(timeIntervalSince1970: Double(lastTimestamp) / 1000)
    }
}
