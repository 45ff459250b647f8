import EventLog

/// The games in progress as the log tells them: a `started` event in `games` and no `ended` one,
/// the game's latest seating in `chess.seats` and its moves in `moves`. What a restart rebuilds:
/// the log, not memory, is the source of truth.
public struct ChessGameHistory: Sendable {
    /// One game's events.
    struct Game: Sendable {
        var started: ChessGameEvent
        /// Absent for games started by another producer or by a Kibitz that kept no seats.
        var seating: ChessSeatingEvent?
        var moves: [ChessMoveEvent]
    }

    /// The games in progress, oldest first.
    let games: [Game]
    /// Records of the three topics that were not their chess events and were passed over.
    public let skippedRecords: Int

    /// Reads the three topics from the embedded log.
    public init(log: EventLog) throws {
        let gameEvents = try log.jsonEvents(of: ChessGameEvent.topic, as: ChessGameEvent.self)
        var started: [String: ChessGameEvent] = [:]
        for event in gameEvents.events {
            switch event.event {
            case .started: started[event.gameID] = event
            case .ended: started[event.gameID] = nil
            }
        }
        let inProgress = Set(started.keys)
        let seatings = try log.jsonEvents(
            of: ChessSeatingEvent.topic,
            as: ChessSeatingEvent.self,
            keepingKeys: inProgress.contains
        )
        let moves = try log.jsonEvents(
            of: ChessMoveEvent.topic,
            as: ChessMoveEvent.self,
            keepingKeys: inProgress.contains
        )
        let latestSeating = Dictionary(seatings.events.map { ($0.gameID, $0) }) { _, later in later }
        let movesByGame = Dictionary(grouping: moves.events, by: \.gameID)
        games = started.values.sorted { $0.ts < $1.ts }.map { event in
            Game(
                started: event,
                seating: latestSeating[event.gameID],
                moves: (movesByGame[event.gameID] ?? []).sorted { $0.ply < $1.ply }
            )
        }
        skippedRecords = gameEvents.skipped + seatings.skipped + moves.skipped
    }
}
