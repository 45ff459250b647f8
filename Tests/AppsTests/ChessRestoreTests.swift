import Apps
import EventLog
import Foundation
import Testing
import Web

/// Chess games rebuilt from the log after a restart, abandoned when idle, and created at a bounded rate.
@Suite struct ChessRestoreTests {
    struct Harness {
        let directory: String
        let log: EventLog
        let publisher: EventLogPublisher

        init() throws {
            directory =
                FileManager.default.temporaryDirectory
                .appendingPathComponent("kibitz-chess-restore-\(UUID().uuidString)").path
            log = try EventLog(directory: directory, configuration: .init(flushPolicy: .never))
            publisher = EventLogPublisher(log: log)
            try publisher.ensureTopics([
                ChessGameEvent.topic, ChessMoveEvent.topic, ChessSeatingEvent.topic,
            ])
        }

        /// A store as a restarted server makes it: empty, then filled from the log.
        func restartedStore() async throws -> (store: ChessGameStore, restored: Int) {
            let store = ChessGameStore(publisher: publisher)
            return (store, try await store.restore(try ChessGameHistory(log: log)))
        }

        func close() {
            log.close()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func gamesInProgressComeBackWithTheirSeatsAndMoves() async throws {
        let harness = try Harness()
        defer { harness.close() }
        let store = ChessGameStore(publisher: harness.publisher)
        let friend = try await store.create(mode: .friend, level: 2, color: "white", name: "Ann")
        let gameID = friend.snapshot.gameID
        _ = try await store.move(gameID: gameID, token: friend.token, notation: "e4")
        let joined = try await store.join(gameID: gameID, name: "Bob")
        _ = try await store.move(gameID: gameID, token: joined.token, notation: "e5")
        let finished = try await store.create(mode: .friend, level: 1, color: "black", name: "Cy")
        _ = try await store.resign(gameID: finished.snapshot.gameID, token: finished.token)
        let before = try await store.snapshot(gameID: gameID)

        let (restarted, restored) = try await harness.restartedStore()
        #expect(restored == 1, "the resigned game is over and not rebuilt")
        #expect(try await restarted.snapshot(gameID: gameID) == before)
        await #expect(throws: ChessGameFailure.notAPlayer) {
            try await restarted.move(gameID: gameID, token: "guess", notation: "Nf3")
        }
        await #expect(throws: ChessGameFailure.gameFull) { try await restarted.join(gameID: gameID, name: "Eve") }
        let after = try await restarted.move(gameID: gameID, token: friend.token, notation: "Nf3")
        #expect(after.snapshot.moves.map(\.san) == ["e4", "e5", "Nf3"])
        _ = try await restarted.move(gameID: gameID, token: joined.token, notation: "Nc6")
    }

    @Test func idleGamesEndAsAbandonedOnce() async throws {
        let harness = try Harness()
        defer { harness.close() }
        let store = ChessGameStore(publisher: harness.publisher)
        let idle = try await store.create(mode: .friend, level: 1, color: "white", name: "Ann")
        #expect(try await store.endAbandonedGames(idleFor: 60).isEmpty, "a new game is not idle")

        let later = Date().addingTimeInterval(61)
        #expect(try await store.endAbandonedGames(idleFor: 60, now: later) == [idle.snapshot.gameID])
        #expect(try await store.endAbandonedGames(idleFor: 60, now: later).isEmpty, "ended once")
        let snapshot = try await store.snapshot(gameID: idle.snapshot.gameID)
        #expect(snapshot.status == "ended" && snapshot.reason == "abandoned" && snapshot.result == "*")
        #expect(await store.activeGameCount == 0)
        #expect(try await harness.restartedStore().restored == 0, "the ended event is in the log")
    }

    @Test func eachClientMayCreateUpToItsLimitPerMinute() async {
        let limiter = ClientRateLimiter(limitPerMinute: 3)
        for _ in 0..<3 { #expect(await limiter.admit("10.0.0.1") == nil) }
        let retryAfter = await limiter.admit("10.0.0.1")
        #expect(retryAfter != nil && retryAfter! >= 1 && retryAfter! <= 20)
        #expect(await limiter.admit("10.0.0.2") == nil, "another client has its own allowance")
    }
}
