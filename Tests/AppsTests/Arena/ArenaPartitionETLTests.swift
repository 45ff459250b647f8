import Apps
import FastJSON
import Foundation
import Streams
import Testing

/// The ETL state machine: whole games out, bad records dead-lettered, and no game lost or doubled
/// however a crash splits the work.
@Suite struct ArenaPartitionETLTests {
    static let log = ArenaRecords(seed: 11, games: 30)

    @Test func everyGameComesOutOnceWithARankedPodium() {
        var etl = ArenaPartitionETL(partition: 0, writtenThrough: nil)
        let (games, letters) = Self.log.run(&etl)
        #expect(letters.isEmpty)
        #expect(games.count == 30 && Set(games.map(\.gameToken)).count == 30)
        #expect(etl.openGames == 0 && etl.committableOffset == Int64(Self.log.entries.count))
        for game in games {
            #expect(game.meta.count == game.podium.count)
            #expect(Set(game.meta.map(\.userToken)) == Set(game.podium.map(\.userToken)))
            #expect(game.podium.map(\.rank) == Array(1...UInt8(game.podium.count)))
            // Every blow is sent by one player and received by another.
            #expect(game.podium.map(\.damageSent).reduce(0, +) == game.podium.map(\.damageReceived).reduce(0, +))
            // The winner lasts every round; nobody lasts longer.
            #expect(game.podium.allSatisfy { $0.rounds <= game.podium[0].rounds })
        }
    }

    /// A crash after any record: the games written before it, plus those of a restart from the
    /// committed offset with the warehouse's reach, are every game exactly once.
    @Test func aCrashAnywhereLosesAndDoublesNothing() {
        var reference = ArenaPartitionETL(partition: 0, writtenThrough: nil)
        let expected = Self.log.run(&reference).games.map(\.gameToken)
        for crash in stride(from: 0, through: Self.log.entries.count, by: 13) {
            var first = ArenaPartitionETL(partition: 0, writtenThrough: nil)
            let written = Self.log.run(&first, to: crash).games
            let committed = Int(first.committableOffset ?? 0)
            var restarted = ArenaPartitionETL(partition: 0, writtenThrough: written.last?.cleanUpOffset)
            let rewritten = Self.log.run(&restarted, from: committed).games
            #expect((written + rewritten).map(\.gameToken) == expected, "crash after \(crash) records")
        }
    }

    @Test func theCommittedOffsetNeverPassesAGameInProgress() {
        var etl = ArenaPartitionETL(partition: 0, writtenThrough: nil)
        var firstOffsets: [String: Int64] = [:]
        let decoder = FastJSONDecoder()
        for (index, entry) in Self.log.entries.enumerated() {
            let record = try! decoder.decode(ArenaLogRecord.self, from: entry.value)
            if firstOffsets[record.gameToken] == nil { firstOffsets[record.gameToken] = Int64(index) }
            if case .write(let game) = etl.receive(offset: Int64(index), key: entry.key, value: entry.value) {
                firstOffsets[game.gameToken] = nil
            }
            let oldestOpen = firstOffsets.values.min() ?? Int64(index + 1)
            #expect(etl.committableOffset == oldestOpen)
        }
    }

    @Test func badRecordsAreDeadLetteredAndTheGameGoesOn() throws {
        var entries = Self.log.entries
        let firstGame = try FastJSONDecoder().decode(ArenaLogRecord.self, from: entries[0].value)
        let key = entries[0].key
        func entry(_ json: String, key: [UInt8]? = nil) -> ArenaRecords.Entry {
            ArenaRecords.Entry(key: key ?? Array(firstGame.gameToken.utf8), value: Array(json.utf8))
        }
        let token = firstGame.gameToken
        let bad = [
            entry("not json"),
            entry(#"{"ts":1,"log_message":"Attack","task":{"game_token":"\#(token)"}}"#),
            entry(
                #"{"ts":1,"log_message":"Attack","task":{"game_token":"\#(token)","round":1,"user_token":"nobody","target_token":"x","damage":3}}"#
            ),
            entry(#"{"ts":1,"log_message":"Round Started","task":{"game_token":"other","round":1}}"#),
            entry(
                #"{"ts":1,"log_message":"Cleaning Game Records","task":{"game_token":"never-seen","user_token":"a"}}"#,
                key: Array("never-seen".utf8)
            ),
        ]
        entries.insert(contentsOf: bad, at: 1)
        #expect(key == entries[0].key)
        var etl = ArenaPartitionETL(partition: 0, writtenThrough: nil)
        let (games, letters) = ArenaRecords(entries).run(&etl)
        #expect(games.count == 30)
        #expect(letters.count == 5)
        #expect(letters[0].contains("JSON") || letters[0].contains("data"))
        #expect(letters[1].contains("round"))
        #expect(letters[2].contains("has no player nobody"))
        #expect(letters[3].contains("key \(token)"))
        #expect(letters[4].contains("none of its records came before"))
    }

    @Test func aCleanUpByAPlayerWhoIsNotTheHostIsOnlyALogLine() throws {
        let encoder = EventJSON.makeEncoder()
        var entries = Self.log.entries
        let decoder = FastJSONDecoder()
        let firstGame = try decoder.decode(ArenaLogRecord.self, from: entries[0].value)
        let joins = entries.compactMap { entry -> String? in
            guard let record = try? decoder.decode(ArenaLogRecord.self, from: entry.value),
                record.gameToken == firstGame.gameToken, case .playerJoined(let user, _, _) = record.event
            else { return nil }
            return user
        }
        let guest = ArenaLogRecord(gameToken: firstGame.gameToken, ts: 1, event: .cleaningGameRecords(user: joins[1]))
        entries.insert(ArenaRecords.Entry(key: entries[0].key, value: Array(try encoder.encode(guest))), at: 1)
        var etl = ArenaPartitionETL(partition: 0, writtenThrough: nil)
        let (games, letters) = ArenaRecords(entries).run(&etl)
        #expect(letters.isEmpty && games.count == 30)
    }
}

/// A game the server publishes a second time is written once, as long as the partition remembers it.
@Suite struct ArenaRepeatedGameTests {
    /// The log of three games followed by every record of the first game again.
    static func logWithTheFirstGameTwice() throws -> (ArenaRecords, String) {
        let log = ArenaRecords(seed: 8, players: 2, games: 3)
        let decoder = FastJSONDecoder()
        let first = try decoder.decode(ArenaLogRecord.self, from: log.entries[0].value).gameToken
        let again = log.entries.filter { $0.key.elementsEqual(first.utf8) }
        return (ArenaRecords(log.entries + again), first)
    }

    @Test func aGamePublishedAgainIsIgnored() throws {
        let (log, first) = try Self.logWithTheFirstGameTwice()
        var etl = ArenaPartitionETL(partition: 0, writtenThrough: nil)
        let (games, letters) = log.run(&etl)
        #expect(games.count == 3 && letters.isEmpty)
        #expect(etl.repeatedGames == 1 && etl.openGames == 0)
        // The repeat's lines between its Lobby Created and its clean-ups belong to no game in progress.
        let decoder = FastJSONDecoder()
        let repeatLines = try log.entries.filter { $0.key.elementsEqual(first.utf8) }.suffix(
            log.entries.count(where: { $0.key.elementsEqual(first.utf8) }) / 2
        ).map { try decoder.decode(ArenaLogRecord.self, from: $0.value).event }
        let ignored = repeatLines.count { event in
            switch event {
            case .lobbyCreated, .cleaningGameRecords: false
            default: true
            }
        }
        #expect(ignored > 0)
        #expect(etl.setAside == ArenaSetAside(ignoredRecords: ignored, abandonedGames: 0, repeatedGames: 1))
    }

    @Test func aGameForgottenIsWrittenAgain() throws {
        let (log, first) = try Self.logWithTheFirstGameTwice()
        var etl = ArenaPartitionETL(partition: 0, writtenThrough: nil, rememberedGames: 2)
        let (games, letters) = log.run(&etl)
        #expect(games.map(\.gameToken).filter { $0 == first }.count == 2 && letters.isEmpty)
    }
}
