import Apps
import FastJSON
import Foundation
import Streams
import Testing

/// The arena simulator writes whole, self-consistent games that survive a JSON round trip.
@Suite struct ArenaSimulatorTests {
    static func records(seed: UInt64, players: Int = 12, games: Int = 40) -> [ArenaLogRecord] {
        var simulator = ArenaSimulator(seed: seed, players: players, games: games)
        var records: [ArenaLogRecord] = []
        while let record = simulator.next(ts: Int64(records.count)) { records.append(record) }
        #expect(simulator.gamesCompleted == games)
        return records
    }

    @Test func theSameSeedWritesTheSameLog() {
        #expect(Self.records(seed: 9) == Self.records(seed: 9))
        #expect(Self.records(seed: 9) != Self.records(seed: 10))
    }

    @Test(arguments: [1, 2, 3, 77] as [UInt64])
    func everyGameRunsFromLobbyToCleanUpWithOneWinner(seed: UInt64) {
        let byGame = Dictionary(grouping: Self.records(seed: seed), by: \.gameToken)
        #expect(byGame.count == 40)
        for (token, records) in byGame {
            let events = records.map(\.event)
            guard case .lobbyCreated(let host, let participants) = events.first,
                case .cleaningGameRecords(let cleaner) = events.last,
                case .gameOver(let winner, _) = events.dropLast().last
            else {
                Issue.record("game \(token) does not run from Lobby Created to Game Over and Cleaning Game Records")
                continue
            }
            #expect(cleaner == host)
            var joined: [String] = []
            var defeated: [String] = []
            for event in events {
                if case .playerJoined(let user, _, _) = event { joined.append(user) }
                if case .playerDefeated(_, let user) = event { defeated.append(user) }
            }
            #expect(joined.count == participants && (2...6).contains(participants))
            #expect(joined.first == host)
            #expect(Set(defeated + [winner]) == Set(joined) && defeated.count == joined.count - 1)
        }
    }

    @Test func aPlayerIsInOneGameAtATime() {
        var playing: [String: String] = [:]
        for record in Self.records(seed: 5, players: 8, games: 60) {
            switch record.event {
            case .playerJoined(let user, _, _):
                #expect(playing[user] == nil, "\(user) joined \(record.gameToken) while in \(playing[user] ?? "")")
                playing[user] = record.gameToken
            case .cleaningGameRecords:
                playing = playing.filter { $0.value != record.gameToken }
            default:
                break
            }
        }
    }

    @Test func recordsSurviveTheirJSONWithSnakeCaseKeys() throws {
        let encoder = EventJSON.makeEncoder()
        let decoder = FastJSONDecoder()
        for record in Self.records(seed: 4, games: 10) {
            let data = try encoder.encode(record)
            #expect(try decoder.decode(ArenaLogRecord.self, from: Array(data)) == record)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["log_message"] as? String == record.event.message)
            #expect((object["task"] as? [String: Any])?["game_token"] as? String == record.gameToken)
        }
    }
}
