import SeededRandom

/// One game in the arena, fought out in full when the lobby fills: the log lines it will write,
/// in order, from `Lobby Created` to the host's `Cleaning Game Records`.
struct ArenaBattle {
    struct Fighter {
        var user: String
        var hero: ArenaSuperhero
        var hitPoints: Int
    }

    /// Rounds after which the game stops; the fighters left standing are ranked by hit points.
    static let maximumRounds = 40

    let gameToken: String
    let host: String
    private(set) var events: [ArenaLogEvent] = []

    /// Plays the game between `players`, the first of whom hosts it.
    init(gameToken: String, players: [(user: String, hero: ArenaSuperhero)], using generator: inout SeededGenerator) {
        precondition(players.count >= 2, "a game needs two players")
        self.gameToken = gameToken
        host = players[0].user
        events.append(.lobbyCreated(host: host, participants: players.count))
        var fighters = players.map { Fighter(user: $0.user, hero: $0.hero, hitPoints: $0.hero.durability * 10) }
        for fighter in fighters {
            events.append(.playerJoined(user: fighter.user, superheroId: fighter.hero.id, superhero: fighter.hero.name))
        }
        var round = 0
        while fighters.count > 1 {
            round += 1
            events.append(.roundStarted(round: round))
            if round == Self.maximumRounds {
                // Time is up: everyone but the healthiest falls, weakest first.
                fighters.sort { $0.hitPoints > $1.hitPoints }
                while fighters.count > 1 {
                    events.append(.playerDefeated(round: round, user: fighters.removeLast().user))
                }
                break
            }
            for attacker in fighters.map(\.user).shuffled(using: &generator) {
                guard let attackerIndex = fighters.firstIndex(where: { $0.user == attacker }) else { continue }
                let targets = fighters.indices.filter { $0 != attackerIndex }
                guard let targetIndex = targets.randomElement(using: &generator) else { break }
                let power = fighters[attackerIndex].hero.power
                let damage = Int.random(in: power / 2...power, using: &generator)
                fighters[targetIndex].hitPoints -= damage
                events.append(
                    .attack(
                        round: round,
                        attacker: attacker,
                        target: fighters[targetIndex].user,
                        damage: UInt64(damage)
                    )
                )
                if fighters[targetIndex].hitPoints <= 0 {
                    events.append(.playerDefeated(round: round, user: fighters.remove(at: targetIndex).user))
                }
            }
        }
        events.append(.gameOver(winner: fighters[0].user, rounds: round))
        events.append(.cleaningGameRecords(user: host))
    }
}
