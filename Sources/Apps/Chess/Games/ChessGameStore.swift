import Chess
import Foundation

/// The server-authoritative home of every chess game: validates moves with the Chess rules, plays
/// the engine's replies, publishes to `games` and `moves`, and tells watchers of each change.
public actor ChessGameStore {
    /// Topic of game started/ended events.
    public static let gamesTopic = "games"
    /// Topic of move events.
    public static let movesTopic = "moves"
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
        guard (1...10).contains(level) else { throw ChessGameFailure.invalidRequest("level must be 1 to 10") }
        let color: Color
        switch requested {
        case "white": color = .white
        case "black": color = .black
        case "random": color = Bool.random() ? .white : .black
        default: throw ChessGameFailure.invalidRequest("color must be white, black or random")
        }
        let player = ChessGameRecord.Seat(name: try Self.cleanName(name), token: Self.newToken(), engineLevel: nil)
        let other =
            mode == .ai
            ? ChessGameRecord.Seat(name: "Kibitz AI (level \(level))", token: nil, engineLevel: level)
            : ChessGameRecord.Seat(name: "", token: nil, engineLevel: nil)
        let gameId = Self.newGameId()
        var record = ChessGameRecord(
            gameId: gameId,
            mode: mode,
            level: level,
            white: color == .white ? player : other,
            black: color == .black ? player : other
        )
        record.game.setTag("White", record.white.name)
        record.game.setTag("Black", record.black.name)
        games[gameId] = record
        forgetOldGames()
        try await publisher.publish(topic: Self.gamesTopic, key: gameId, event: record.gameStartedEvent)
        if mode == .ai && color == .black {
            try await playEngineMove(gameId: gameId)
        }
        return (games[gameId]!.snapshot, player.token!, color)
    }

    /// The second player of a friend game takes the empty seat.
    public func join(gameId: String, name: String) throws -> (snapshot: ChessGameSnapshot, token: String, color: Color)
    {
        guard var record = games[gameId] else { throw ChessGameFailure.unknownGame(gameId) }
        guard record.mode == .friend else { throw ChessGameFailure.invalidRequest("only friend games can be joined") }
        guard !record.game.isOver else { throw ChessGameFailure.gameOver }
        let color: Color
        if record.white.token == nil {
            color = .white
        } else if record.black.token == nil {
            color = .black
        } else {
            throw ChessGameFailure.gameFull
        }
        let seat = ChessGameRecord.Seat(name: try Self.cleanName(name), token: Self.newToken(), engineLevel: nil)
        if color == .white { record.white = seat } else { record.black = seat }
        record.game.setTag(color == .white ? "White" : "Black", seat.name)
        games[gameId] = record
        notify(gameId)
        return (record.snapshot, seat.token!, color)
    }

    public func snapshot(gameId: String) throws -> ChessGameSnapshot {
        guard let record = games[gameId] else { throw ChessGameFailure.unknownGame(gameId) }
        return record.snapshot
    }

    /// Plays the player's move (UCI or SAN), then the engine's reply in a game against it.
    public func move(
        gameId: String,
        token: String?,
        notation: String
    ) async throws -> (snapshot: ChessGameSnapshot, engineMove: ChessMoveEvent?) {
        guard var record = games[gameId] else { throw ChessGameFailure.unknownGame(gameId) }
        let text = notation.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= 12 else {
            throw ChessGameFailure.invalidRequest("move must be UCI (e2e4) or SAN (Nf3), at most 12 characters")
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
        games[gameId] = record
        try await publishMove(event, of: gameId)

        var engineMove: ChessMoveEvent?
        if record.mode == .ai && !record.game.isOver {
            engineMove = try await playEngineMove(gameId: gameId)
        }
        return (games[gameId]!.snapshot, engineMove)
    }

    /// The player gives up; the other side wins.
    public func resign(gameId: String, token: String?) async throws -> ChessGameSnapshot {
        guard var record = games[gameId] else { throw ChessGameFailure.unknownGame(gameId) }
        guard let color = record.color(holding: token) else { throw ChessGameFailure.notAPlayer }
        guard !record.game.isOver else { throw ChessGameFailure.gameOver }
        record.game.resign(color)
        games[gameId] = record
        try await publishEndIfOver(gameId)
        notify(gameId)
        return games[gameId]!.snapshot
    }

    /// Every change of a game, starting with its current state; ends when the game is forgotten.
    public func updates(gameId: String) throws -> AsyncStream<ChessGameSnapshot> {
        guard let record = games[gameId] else { throw ChessGameFailure.unknownGame(gameId) }
        let (stream, continuation) = AsyncStream.makeStream(
            of: ChessGameSnapshot.self,
            bufferingPolicy: .bufferingNewest(16)
        )
        let watcher = UUID()
        watchers[gameId, default: [:]][watcher] = continuation
        continuation.yield(record.snapshot)
        continuation.onTermination = { _ in Task { await self.stopWatching(gameId: gameId, watcher: watcher) } }
        return stream
    }

    /// Games being played now.
    public var activeGameCount: Int { games.values.filter { !$0.game.isOver }.count }

    private func stopWatching(gameId: String, watcher: UUID) {
        watchers[gameId]?[watcher] = nil
    }

    /// A game the engine plays against itself, at a level per side.
    public func createDemoGame(whiteLevel: Int, blackLevel: Int) async throws -> String {
        let gameId = Self.newGameId()
        var record = ChessGameRecord(
            gameId: gameId,
            mode: .demo,
            level: max(whiteLevel, blackLevel),
            white: .init(name: "Kibitz AI (level \(whiteLevel))", token: nil, engineLevel: whiteLevel),
            black: .init(name: "Kibitz AI (level \(blackLevel))", token: nil, engineLevel: blackLevel)
        )
        record.game.setTag("White", record.white.name)
        record.game.setTag("Black", record.black.name)
        games[gameId] = record
        forgetOldGames()
        try await publisher.publish(topic: Self.gamesTopic, key: gameId, event: record.gameStartedEvent)
        return gameId
    }

    /// Whether the game is over (or forgotten).
    public func isOver(gameId: String) -> Bool {
        games[gameId]?.game.isOver ?? true
    }

    /// Plays the engine's move if the engine has the move; returns the move played.
    @discardableResult
    public func playEngineMove(gameId: String) async throws -> ChessMoveEvent? {
        guard let record = games[gameId], !record.game.isOver, let level = record.engineLevelToMove else { return nil }
        let game = record.game
        let plyBefore = game.moves.count
        let chosen = await Task.detached(priority: .userInitiated) {
            ChessEngine.chooseMove(in: game, level: level)
        }.value
        // The game may have changed while the engine thought (a resignation); then it does not move.
        guard var current = games[gameId], current.game.moves.count == plyBefore, !current.game.isOver,
            let move = chosen
        else { return nil }
        let event = try current.play(move, by: "ai")
        games[gameId] = current
        try await publishMove(event, of: gameId)
        return event
    }

    private func publishMove(_ event: ChessMoveEvent, of gameId: String) async throws {
        try await publisher.publish(topic: Self.movesTopic, key: gameId, event: event)
        try await publishEndIfOver(gameId)
        notify(gameId)
    }

    private func publishEndIfOver(_ gameId: String) async throws {
        guard var record = games[gameId], let outcome = record.game.outcome, !record.endedPublished else { return }
        record.endedPublished = true
        games[gameId] = record
        let event = ChessGameEvent(
            gameId: gameId,
            event: .ended,
            white: record.white.name,
            black: record.black.name,
            mode: record.mode.rawValue,
            result: outcome.result,
            reason: outcome.reason.rawValue,
            ts: EventJSON.nowMilliseconds()
        )
        try await publisher.publish(topic: Self.gamesTopic, key: gameId, event: event)
    }

    private func notify(_ gameId: String) {
        guard let record = games[gameId], let continuations = watchers[gameId] else { return }
        let snapshot = record.snapshot
        for continuation in continuations.values { continuation.yield(snapshot) }
    }

    private func forgetOldGames() {
        let ended = games.values.filter { $0.game.isOver }
        guard ended.count > Self.retainedEndedGames else { return }
        for record in ended.sorted(by: { $0.createdAt < $1.createdAt }).prefix(ended.count - Self.retainedEndedGames) {
            games[record.gameId] = nil
            for continuation in watchers[record.gameId]?.values ?? [:].values { continuation.finish() }
            watchers[record.gameId] = nil
        }
    }

    /// A display name: trimmed, control characters removed, at most 40 characters.
    static func cleanName(_ name: String) throws -> String {
        let cleaned = String(name.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) })
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard cleaned.count <= 40 else { throw ChessGameFailure.invalidRequest("name must be at most 40 characters") }
        return cleaned.isEmpty ? "Anonymous" : cleaned
    }

    static func newToken() -> String {
        (0..<4).map { _ in String(UInt32.random(in: 0...UInt32.max), radix: 16) }.joined()
    }

    static func newGameId() -> String {
        String(UUID().uuidString.lowercased().prefix(13)).replacingOccurrences(of: "-", with: "")
    }
}
