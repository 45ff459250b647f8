import Foundation
import SeededRandom

/// Players joining lobbies and fighting rounds in the superhero arena, as the game server logs it.
///
/// Idle players gather in lobbies of two to six; each filled lobby plays one game, and the log lines
/// of the games in progress are interleaved the way a busy server writes them. Players go back to
/// the idle pool when their game ends. The same seed and player count give the same log.
public struct ArenaSimulator: Sendable {
    struct GameInProgress {
        var battle: ArenaBattle
        var nextEvent = 0
    }

    /// Largest lobby the simulator fills.
    static let largestLobby = 6

    private var generator: SeededGenerator
    private var idlePlayers: [String]
    private var games: [GameInProgress] = []
    /// Games whose last line has been written.
    public private(set) var gamesCompleted = 0
    /// Games whose first line has been written.
    public private(set) var gamesStarted = 0

    private let gameLimit: Int?

    /// A simulator with `players` players (at least two) named `player-0001` and on, who play
    /// `games` games in all, or on and on when `games` is nil.
    public init(seed: UInt64, players: Int, games: Int? = nil) {
        precondition(players >= 2, "the arena needs at least two players")
        generator = SeededGenerator(seed: seed)
        idlePlayers = (1...players).map { String(format: "player-%04d", $0) }
        gameLimit = games
    }

    /// The next log line of some game in progress, stamped `ts`; nil once every game is over.
    public mutating func next(ts: Int64) -> ArenaLogRecord? {
        while idlePlayers.count >= 2, gamesStarted < gameLimit ?? .max { startGame() }
        guard !games.isEmpty else { return nil }
        let index = Int.random(in: 0..<games.count, using: &generator)
        let battle = games[index].battle
        let event = battle.events[games[index].nextEvent]
        games[index].nextEvent += 1
        if games[index].nextEvent == battle.events.count {
            games.remove(at: index)
            gamesCompleted += 1
            for case .playerJoined(let user, _, _) in battle.events { idlePlayers.append(user) }
        }
        return ArenaLogRecord(gameToken: battle.gameToken, ts: ts, event: event)
    }

    private mutating func startGame() {
        let size = Int.random(in: 2...min(Self.largestLobby, idlePlayers.count), using: &generator)
        idlePlayers.shuffle(using: &generator)
        let players = idlePlayers.suffix(size).map { user in
            (user: user, hero: ArenaSuperhero.roster.randomElement(using: &generator)!)
        }
        idlePlayers.removeLast(size)
        let token = String(format: "game-%016llx", generator.next())
        games.append(GameInProgress(battle: ArenaBattle(gameToken: token, players: players, using: &generator)))
        gamesStarted += 1
    }
}
