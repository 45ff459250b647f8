import Apps
import FastJSON
import Foundation
import HummingbirdTesting
import Streams
import Testing

/// The chess live channels on a live server: a game's (`/ws/chess/games/{id}`) and the dashboard's
/// (`/ws/chess/dashboard`), each opened by a real WebSocket client while moves are played over HTTP.
@Suite struct ChessLiveChannelTests {
    static func chessApp(_ test: AppTestEnvironment) async throws -> ChessApp {
        try await ChessApp(test.environment, options: try AppOptions.parse([]))
    }

    static func type(_ message: [String: Any]) -> String? { message["type"] as? String }

    static func game(_ message: [String: Any]) throws -> [String: Any] {
        try #require(message["game"] as? [String: Any], "a game in \(message)")
    }

    static func moves(_ game: [String: Any]) -> [[String: Any]] { game["moves"] as? [[String: Any]] ?? [] }

    @Test func aGameChannelSendsTheGameThenTheGameAfterEachMove() async throws {
        let test = try AppTestEnvironment()
        defer { test.close() }
        try await LiveServer.run([try await Self.chessApp(test)], in: test) { server in
            let (id, token, _) = try await ChessAPITests.newGame(server)
            try await LiveChannelClient.connect(to: server, path: "/ws/chess/games/\(id)") { channel in
                let snapshot = try await channel.next()
                #expect(Self.type(snapshot) == "snapshot")
                let initial = try Self.game(snapshot)
                #expect(initial["game_id"] as? String == id)
                #expect(initial["status"] as? String == "active")
                #expect(initial["turn"] as? String == "white")
                #expect(Self.moves(initial).isEmpty)
                #expect((initial["legal_moves"] as? [String])?.count == 20)

                let moved = try await ChessAPITests.move(server, id, "e2e4", token: token)
                #expect(moved.status == .ok)
                let reply = try #require(try ChessAPITests.json(moved)["ai_move"] as? [String: Any])
                // The player's move and the engine's reply are two changes, each sent as it is made.
                let afterMove = try await channel.next()
                #expect(Self.type(afterMove) == "game")
                let played = try Self.game(afterMove)
                #expect(Self.moves(played).map { $0["uci"] as? String } == ["e2e4"])
                #expect(played["turn"] as? String == "black")
                let afterReply = try await channel.next()
                #expect(Self.type(afterReply) == "game")
                let replied = try Self.game(afterReply)
                #expect(Self.moves(replied).map { $0["uci"] as? String } == ["e2e4", reply["uci"] as? String])
                #expect(Self.moves(replied).last?["by"] as? String == "ai")
                #expect(replied["turn"] as? String == "white")

                let resigned = try await server.execute(
                    uri: "/api/chess/games/\(id)/resign",
                    method: .post,
                    headers: ChessAPITests.tokenHeader(token)
                )
                #expect(resigned.status == .ok)
                let ended = try Self.game(try await channel.next())
                #expect(ended["result"] as? String == "0-1")
                #expect(ended["status"] as? String == "ended")
            }
        }
    }

    @Test func aGameChannelOfAnUnknownGameIsRefused() async throws {
        let test = try AppTestEnvironment()
        defer { test.close() }
        try await LiveServer.run([try await Self.chessApp(test)], in: test) { server in
            #expect(try await LiveChannelClient.isRefused(by: server, path: "/ws/chess/games/no-such-game"))
            // The refusal is about the id: a game that exists is opened on the same server.
            let (id, _, _) = try await ChessAPITests.newGame(server)
            #expect(try await !LiveChannelClient.isRefused(by: server, path: "/ws/chess/games/\(id)"))
        }
    }

    @Test func theDashboardChannelSendsTheStatisticsThenEachChangeOfTheViews() async throws {
        let test = try AppTestEnvironment()
        defer { test.close() }
        try await LiveServer.run([try await Self.chessApp(test)], in: test) { server in
            try await LiveChannelClient.connect(to: server, path: "/ws/chess/dashboard") { channel in
                let snapshot = try await channel.next()
                #expect(Self.type(snapshot) == "snapshot")
                let statistics = try #require(snapshot["stats"] as? [String: Any])
                #expect(
                    Set(statistics.keys).isSuperset(of: [
                        "active_games", "completed_today", "moves_last_minute", "recent_moves", "result_counts",
                        "moves_per_minute", "moves_per_second",
                    ])
                )
                #expect(statistics["active_games"] as? Int == 0)
                #expect((statistics["recent_moves"] as? [Any])?.isEmpty == true)

                let (id, token, _) = try await ChessAPITests.newGame(server)
                var messages = try await channel.messages { message in
                    Self.type(message) == "active_games" && message["count"] as? Int == 1
                }

                #expect(try await ChessAPITests.move(server, id, "e2e4", token: token).status == .ok)
                // Each view's changes keep their order, but the views' interleave: the move and the
                // count of its second come in either order.
                var move: [String: Any]?
                var secondCounts: [Int: Int] = [:]
                messages += try await channel.messages { message in
                    if Self.type(message) == "move", let moved = message["move"] as? [String: Any],
                        moved["uci"] as? String == "e2e4"
                    {
                        move = moved
                    }
                    if Self.type(message) == "second", let second = message["second"] as? Int {
                        secondCounts[second] = message["count"] as? Int
                    }
                    guard let timestamp = move?["ts"] as? Int else { return false }
                    return secondCounts[timestamp / 1_000] != nil
                }
                let playerMove = try #require(move)
                #expect(playerMove["game_id"] as? String == id)
                #expect(playerMove["ply"] as? Int == 1 && playerMove["color"] as? String == "white")
                #expect(secondCounts[(playerMove["ts"] as? Int ?? 0) / 1_000] ?? 0 >= 1)

                let resignedAt = EventJSON.nowMilliseconds()
                let resigned = try await server.execute(
                    uri: "/api/chess/games/\(id)/resign",
                    method: .post,
                    headers: ChessAPITests.tokenHeader(token)
                )
                #expect(resigned.status == .ok)
                let days = Set(
                    [resignedAt, EventJSON.nowMilliseconds()].map { UTCDate(milliseconds: $0).description }
                )
                // The result's count and the day's count come in either order too.
                var seen: Set<String> = []
                messages += try await channel.messages { message in
                    if Self.type(message) == "result", message["result"] as? String == "0-1" {
                        #expect(message["count"] as? Int == 1)
                        seen.insert("result")
                    }
                    if Self.type(message) == "completed" {
                        #expect(days.contains(message["day"] as? String ?? ""))
                        #expect(message["count"] as? Int == 1)
                        seen.insert("completed")
                    }
                    return seen == ["result", "completed"]
                }
                // Changes only: nothing sent the whole statistics again while this reader kept up.
                #expect(messages.allSatisfy { Self.type($0) != "snapshot" }, "\(messages.map(Self.type))")
            }
        }
    }
}
