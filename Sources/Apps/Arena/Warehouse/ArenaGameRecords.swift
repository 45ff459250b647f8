/// One game's log lines gathered so far, and the warehouse rows they make once the game is cleaned up.
struct ArenaGameRecords {
    struct Player {
        var user: String
        var superheroId: UInt16
        var damageSent: UInt64 = 0
        var damageReceived: UInt64 = 0
        var defeatedInRound: Int?
    }

    let gameToken: String
    /// Offset of the game's first record: the consumer may not commit past it until the game is written.
    let firstOffset: Int64
    /// `ts` of the newest record, to expire games that were abandoned without a clean-up.
    var lastSeen: Int64
    private(set) var host: String?
    private var participants = 0
    private var players: [Player] = []
    private var defeatOrder: [Int] = []
    private var outcome: (winner: Int, rounds: Int)?

    init(gameToken: String, firstOffset: Int64, ts: Int64) {
        self.gameToken = gameToken
        self.firstOffset = firstOffset
        lastSeen = ts
    }

    /// Takes in one more line of the game; throws, changing nothing, when the line contradicts the game.
    mutating func apply(_ event: ArenaLogEvent, ts: Int64) throws(ArenaRecordProblem) {
        switch event {
        case .lobbyCreated(let host, let participants):
            guard self.host == nil else { throw problem("has a second Lobby Created") }
            self.host = host
            self.participants = participants
        case .playerJoined(let user, let superheroId, _):
            guard host != nil else { throw problem("has Player Joined before Lobby Created") }
            guard index(of: user) == nil else { throw problem("has \(user) joining twice") }
            guard players.count < participants else { throw problem("is full: \(participants) players joined") }
            players.append(Player(user: user, superheroId: superheroId))
        case .attack(_, let attacker, let target, let damage):
            let attackerIndex = try player(attacker)
            let targetIndex = try player(target)
            let (sent, sentOverflow) = players[attackerIndex].damageSent.addingReportingOverflow(damage)
            let (received, receivedOverflow) = players[targetIndex].damageReceived.addingReportingOverflow(damage)
            guard !sentOverflow, !receivedOverflow else { throw problem("has more damage than 64 bits hold") }
            players[attackerIndex].damageSent = sent
            players[targetIndex].damageReceived = received
        case .playerDefeated(let round, let user):
            let index = try player(user)
            guard players[index].defeatedInRound == nil else { throw problem("has \(user) defeated twice") }
            players[index].defeatedInRound = round
            defeatOrder.append(index)
        case .gameOver(let winner, let rounds):
            guard outcome == nil else { throw problem("has a second Game Over") }
            let index = try player(winner)
            guard players[index].defeatedInRound == nil else {
                throw problem("names \(winner), who was defeated, as winner")
            }
            outcome = (index, rounds)
        case .roundStarted, .cleaningGameRecords, .other:
            break
        }
        lastSeen = max(lastSeen, ts)
    }

    /// The game's `game_meta` and `game_podium` rows; throws when its records do not make a whole game.
    func rows() throws(ArenaRecordProblem) -> (meta: [GameMetaRow], podium: [GamePodiumRow]) {
        guard host != nil else { throw problem("has no Lobby Created record") }
        guard players.count >= 2 else { throw problem("has \(players.count) player(s); a game needs two") }
        guard let outcome else { throw problem("has no Game Over record") }
        guard defeatOrder.count == players.count - 1 else {
            throw problem("ended with \(players.count - 1 - defeatOrder.count) player(s) neither defeated nor winning")
        }
        let meta = players.map { GameMetaRow(gameToken: gameToken, userToken: $0.user, superheroId: $0.superheroId) }
        let ranking = [outcome.winner] + defeatOrder.reversed()
        let podium = ranking.enumerated().map { rank, index in
            let player = players[index]
            return GamePodiumRow(
                gameToken: gameToken,
                userToken: player.user,
                rank: UInt8(rank + 1),
                rounds: UInt8(player.defeatedInRound ?? outcome.rounds),
                damageReceived: player.damageReceived,
                damageSent: player.damageSent
            )
        }
        return (meta, podium)
    }

    private func index(of user: String) -> Int? {
        players.firstIndex { $0.user == user }
    }

    private func player(_ user: String) throws(ArenaRecordProblem) -> Int {
        guard let index = index(of: user) else { throw problem("has no player \(user)") }
        return index
    }

    private func problem(_ description: String) -> ArenaRecordProblem {
        ArenaRecordProblem(reason: "game \(gameToken) \(description)")
    }
}
