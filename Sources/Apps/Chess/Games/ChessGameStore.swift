import Chess
import Foundation

/// The server-authoritative home of every chess game: validates moves with the Chess rules, plays
/// the engine's replies, publishes to `games` and `moves`, and tells watchers of each change.
public actor ChessGameStore {
    /// The engine levels a game may be created with.
    public static let levels = 1...10
    /// What a request's `level` must be: one of `levels`.
    static let invalidLevel = ChessGameFailure.invalidValue(
        field: "level",
        allowed: "an integer from \(levels.lowerBound) to \(levels.upperBound)"
    )
    /// The level of a game created without one.
    public static let defaultLevel = 3
    /// Ended games beyond this many are forgotten, oldest first, so memory stays bounded.
    static let retainedEndedGames = 2_000

    private let publisher: any EventPublisher
    private var games: [String: ChessGameRecord] = [:]
    private var watchers: [String: [UUID: AsyncStream<ChessGameSnapshot>.Continuation]] = [:]

    public init(publisher: any EventPublisher) {
        self.publisher = publisher
    }

    /// A new game; the caller takes the returned seat. If the engine plays White it moves first.
    public func create(
        mode: ChessGameMode,
        level: Int,
        color requested: String,
        name: String
    ) async throws -> (snapshot: ChessGameSnapshot, token: String, color: Color) {
        guard Self.levels.contains(level) else { throw Self.invalidLevel }
        let color: Color
        switch requested {
        case "white": color = .white
        case "black": color = .black
        case "random": color = Bool.random() ? .white : .black
        default: throw ChessGameFailure.invalidValue(field: "color", allowed: "white, black or random")
        }
        let token = PlayerToken.make()
        let player = ChessSeat(name: try Self.cleanName(name), tokenSha256: PlayerToken.digest(token))
        let other =
            mode == .ai
            ? ChessSeat(name: "Kibitz AI (level \(level))", engineLevel: level)
            : ChessSeat(name: "")
        let record = ChessGameRecord(
            gameID: Self.newGameId(),
            mode: mode,
            level: level,
            white: color == .white ? player : other,
            black: color == .black ? player : other
        )
        try await start(record)
        if mode == .ai && color == .black {
            try await playEngineMove(gameID: record.gameID)
        }
        return (games[record.gameID]!.snapshot, token, color)
    }

    /// The second player of a friend game takes the empty seat.
    public func join(
        gameID: String,
        name: String
    ) async throws -> (snapshot: ChessGameSnapshot, token: String, color: Color) {
        guard var record = games[gameID] else { throw ChessGameFailure.unknownGame(gameID) }
        guard record.mode == .friend else { throw ChessGameFailure.notJoinable }
        guard !record.game.isOver else { throw ChessGameFailure.gameOver }
        let color: Color
        if record.white.isOpen {
            color = .white
        } else if record.black.isOpen {
            color = .black
        } else {
            throw ChessGameFailure.gameFull
        }
        let token = PlayerToken.make()
        record.seat(ChessSeat(name: try Self.cleanName(name), tokenSha256: PlayerToken.digest(token)), as: color)
        record.lastActivity = Date()
        // The seating reaches the log before the token reaches the player, so a restart keeps the seat.
        try await publisher.publish(topic: ChessSeatingEvent.topic, key: gameID, event: record.seatingEvent)
        games[gameID] = record
        notify(gameID)
        return (record.snapshot, token, color)
    }

    public func snapshot(gameID: String) throws -> ChessGameSnapshot {
        guard let record = games[gameID] else { throw ChessGameFailure.unknownGame(gameID) }
        return record.snapshot
    }

    /// Plays the player's move (UCI or SAN), then the engine's reply in a game against it.
    public func move(
        gameID: String,
        token: String?,
        notation: String
    ) async throws -> (snapshot: ChessGameSnapshot, engineMove: ChessMoveEvent?) {
        guard var record = games[gameID] else { throw ChessGameFailure.unknownGame(gameID) }
        let text = notation.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= 12 else {
            throw ChessGameFailure.invalidValue(
                field: "move",
                allowed: "a move in UCI (e2e4) or SAN (Nf3), at most 12 characters"
            )
        }
        guard let color = record.color(holding: token) else { throw ChessGameFailure.notAPlayer }
        guard !record.game.isOver else { throw ChessGameFailure.gameOver }
        guard record.game.position.sideToMove == color else { throw ChessGameFailure.notYourTurn }
        let move: Move
        do {
            move = try record.game.position.move(notation: text)
        } catch {
            throw ChessGameFailure.illegalMove("illegal move '\(text)': \(error)")
        }
        let event = try record.play(move, by: "player")
        games[gameID] = record
        try await publishMove(event, of: gameID)

        var engineMove: ChessMoveEvent?
        if record.mode == .ai && !record.game.isOver {
            engineMove = try await playEngineMove(gameID: gameID)
        }
        return (games[gameID]!.snapshot, engineMove)
    }

    /// The player gives up; the other side wins.
    public func resign(gameID: String, token: String?) async throws -> ChessGameSnapshot {
        guard var record = games[gameID] else { throw ChessGameFailure.unknownGame(gameID) }
        guard let color = record.color(holding: token) else { throw ChessGameFailure.notAPlayer }
        guard !record.game.isOver else { throw ChessGameFailure.gameOver }
        record.game.resign(color)
        games[gameID] = record
        try await publishEndIfOver(gameID)
        notify(gameID)
        return games[gameID]!.snapshot
    }

    /// Every change of a game, starting with its current state; ends when the game is forgotten.
    public func updates(gameID: String) throws -> AsyncStream<ChessGameSnapshot> {
        guard let record = games[gameID] else { throw ChessGameFailure.unknownGame(gameID) }
        let (stream, continuation) = AsyncStream.makeStream(
            of: ChessGameSnapshot.self,
            bufferingPolicy: .bufferingNewest(16)
        )
        let watcher = UUID()
        watchers[gameID, default: [:]][watcher] = continuation
        continuation.yield(record.snapshot)
        continuation.onTermination = { _ in Task { await self.stopWatching(gameID: gameID, watcher: watcher) } }
        return stream
    }

    /// Games being played now.
    public var activeGameCount: Int { games.values.filter { !$0.game.isOver }.count }

    private func stopWatching(gameID: String, watcher: UUID) {
        watchers[gameID]?[watcher] = nil
    }

    /// A game the engine plays against itself, at a level per side.
    public func createDemoGame(whiteLevel: Int, blackLevel: Int) async throws -> String {
        let record = ChessGameRecord(
            gameID: Self.newGameId(),
            mode: .demo,
            level: max(whiteLevel, blackLevel),
            white: ChessSeat(name: "Kibitz AI (level \(whiteLevel))", engineLevel: whiteLevel),
            black: ChessSeat(name: "Kibitz AI (level \(blackLevel))", engineLevel: blackLevel)
        )
        try await start(record)
        return record.gameID
    }

    /// Keeps a new game and publishes its `started` event and its seating.
    private func start(_ record: ChessGameRecord) async throws {
        games[record.gameID] = record
        forgetOldGames()
        try await publisher.publish(topic: ChessGameEvent.topic, key: record.gameID, event: record.gameStartedEvent)
        try await publisher.publish(topic: ChessSeatingEvent.topic, key: record.gameID, event: record.seatingEvent)
    }

    /// Rebuilds the games in progress from the log, at start before any request; returns how many.
    ///
    /// A game whose replayed moves already ended it gets its `ended` event now (the server stopped
    /// between the last move and that event); where the engine has the move, it plays it.
    public func restore(_ history: ChessGameHistory) async throws -> Int {
        var restored = 0
        for entry in history.games {
            guard let record = ChessGameRecord(restoring: entry) else { continue }
            games[record.gameID] = record
            restored += 1
            if record.game.isOver {
                try await publishEndIfOver(record.gameID)
            } else if record.mode == .ai, record.engineLevelToMove != nil {
                // The engine thinks for up to a second: start-up does not wait for it.
                Task { try await self.playEngineMove(gameID: record.gameID) }
            }
        }
        return restored
    }

    /// Ends every game in progress where nobody moved or joined for `idleTime`, publishing its
    /// `ended` event with reason `abandoned`; returns the ids of the games ended.
    public func endAbandonedGames(idleFor idleTime: TimeInterval, now: Date = Date()) async throws -> [String] {
        let cutoff = now.addingTimeInterval(-idleTime)
        let abandoned = games.values.filter { !$0.game.isOver && $0.lastActivity < cutoff }.map(\.gameID)
        for gameID in abandoned {
            games[gameID]?.game.declare(GameOutcome(winner: nil, reason: .abandoned))
            try await publishEndIfOver(gameID)
            notify(gameID)
        }
        return abandoned
    }

    /// Whether the game is over (or forgotten).
    public func isOver(gameID: String) -> Bool {
        games[gameID]?.game.isOver ?? true
    }

    /// Plays the engine's move if the engine has the move; returns the move played.
    @discardableResult
    public func playEngineMove(gameID: String) async throws -> ChessMoveEvent? {
        guard let record = games[gameID], !record.game.isOver, let level = record.engineLevelToMove else { return nil }
        let game = record.game
        let plyBefore = game.moves.count
        let chosen = await Task.detached(priority: .userInitiated) {
            ChessEngine.chooseMove(in: game, level: level)
        }.value
        // The game may have changed while the engine thought (a resignation); then it does not move.
        guard var current = games[gameID], current.game.moves.count == plyBefore, !current.game.isOver,
            let move = chosen
        else { return nil }
        let event = try current.play(move, by: "ai")
        games[gameID] = current
        try await publishMove(event, of: gameID)
        return event
    }

    private func publishMove(_ event: ChessMoveEvent, of gameID: String) async throws {
        try await publisher.publish(topic: ChessMoveEvent.topic, key: gameID, event: event)
        try await publishEndIfOver(gameID)
        notify(gameID)
    }

    private func publishEndIfOver(_ gameID: String) async throws {
        guard var record = games[gameID], let event = record.gameEndedEvent, !record.endedPublished else { return }
        record.endedPublished = true
        games[gameID] = record
        try await publisher.publish(topic: ChessGameEvent.topic, key: gameID, event: event)
    }

    private func notify(_ gameID: String) {
        guard let record = games[gameID], let continuations = watchers[gameID] else { return }
        let snapshot = record.snapshot
        for continuation in continuations.values { continuation.yield(snapshot) }
    }

    private func forgetOldGames() {
        let ended = games.values.filter { $0.game.isOver }
        guard ended.count > Self.retainedEndedGames else { return }
        for record in ended.sorted(by: { $0.lastActivity < $1.lastActivity }).prefix(
            ended.count - Self.retainedEndedGames
        ) {
            games[record.gameID] = nil
            for continuation in watchers[record.gameID]?.values ?? [:].values { continuation.finish() }
            watchers[record.gameID] = nil
        }
    }

    /// A display name: trimmed, control characters removed, at most 40 characters.
    static func cleanName(_ name: String) throws -> String {
        let cleaned = String(name.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) })
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard cleaned.count <= 40 else {
            throw ChessGameFailure.invalidValue(field: "name", allowed: "at most 40 characters")
        }
        return cleaned.isEmpty ? "Anonymous" : cleaned
    }

    static func newGameId() -> String {
        String(UUID().uuidString.lowercased().prefix(13)).replacingOccurrences(of: "-", with: "")
    }
}
