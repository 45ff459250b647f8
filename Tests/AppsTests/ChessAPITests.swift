import Apps
import EventLog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KafkaProtocol
import Logging
import NIOCore
import Streams
import Testing
import Web

/// The chess HTTP API through Hummingbird's router tester, publishing into a real event log.
@Suite struct ChessAPITests {
    struct Harness {
        let environment: AppTestEnvironment
        let app: ChessApp
        let application: Application<RouterResponder<KibitzRequestContext>>
        var log: EventLog { environment.log }

        init() async throws {
            environment = try AppTestEnvironment()
            app = try await ChessApp(environment.environment, options: try AppOptions.parse([]))
            application = Application(router: try environment.router([app]))
        }

        /// The JSON values published to `topic`, in order.
        func published(_ topic: String) throws -> [[String: Any]] {
            try environment.records(topic).map { record in
                try JSONSerialization.jsonObject(with: Data(record.value.utf8)) as! [String: Any]
            }
        }

        /// Feeds what was published to `games` and `moves` through the statistics pipeline, as its
        /// runner would.
        func processPublished() throws {
            let driver = TestDriver(pipeline: app.pipelines[0])
            for topic in [ChessGameEvent.topic, ChessMoveEvent.topic] {
                for record in try environment.records(topic) {
                    driver.send(topic: topic, json: record.value, key: record.key)
                }
            }
        }

        func close() { environment.close() }
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
    }

    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    static func tokenHeader(_ token: String) -> HTTPFields {
        [HTTPField.Name("X-Player-Token")!: token, .contentType: "application/json"]
    }

    /// Plays `text` in game `id` as the holder of `token`.
    static func move(
        _ client: some TestClientProtocol,
        _ id: String,
        _ text: String,
        token: String
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/chess/games/\(id)/moves",
            method: .post,
            headers: tokenHeader(token),
            body: body(#"{"move":"\#(text)"}"#)
        )
    }

    /// Creates a game against the engine; returns its id and the player's token.
    static func newGame(
        _ client: some TestClientProtocol,
        body: String = #"{"mode":"ai","level":1,"color":"white","name":"Ann"}"#
    ) async throws -> (id: String, token: String, answer: [String: Any]) {
        let response = try await client.execute(
            uri: "/api/chess/games",
            method: .post,
            headers: Self.jsonHeaders,
            body: Self.body(body)
        )
        #expect(response.status == .created)
        let answer = try json(response)
        let game = answer["game"] as! [String: Any]
        return (game["game_id"] as! String, answer["player_token"] as! String, answer)
    }

    @Test func aGameAgainstTheEngineRepliesAndPublishes() async throws {
        let harness = try await Harness()
        defer { harness.close() }
        try await harness.application.test(.router) { client in
            let (id, token, created) = try await Self.newGame(client)
            let game = created["game"] as! [String: Any]
            #expect((game["legal_moves"] as! [String]).count == 20)
            #expect(game["turn"] as? String == "white")
            #expect(created["color"] as? String == "white")

            let moved = try await Self.move(client, id, "e2e4", token: token)
            #expect(moved.status == .ok)
            let answer = try Self.json(moved)
            let reply = try #require(answer["ai_move"] as? [String: Any])
            #expect(reply["by"] as? String == "ai")
            #expect(reply["color"] as? String == "black")
            let afterMove = answer["game"] as! [String: Any]
            #expect((afterMove["moves"] as! [Any]).count == 2)
            #expect(afterMove["turn"] as? String == "white")

            let san = try await Self.move(client, id, "Nf3", token: token)
            #expect(san.status == .ok)
        }
        let games = try harness.published(ChessGameEvent.topic)
        #expect(games.count == 1)
        #expect(games[0]["event"] as? String == "started")
        #expect(games[0]["white"] as? String == "Ann")
        #expect(games[0]["mode"] as? String == "ai")
        let moves = try harness.published(ChessMoveEvent.topic)
        #expect(moves.count == 4)
        #expect(moves[0]["uci"] as? String == "e2e4")
        #expect(moves[0]["san"] as? String == "e4")
        #expect(moves[0]["piece"] as? String == "P")
        #expect(moves[0]["by"] as? String == "player")
        #expect(moves[0]["ply"] as? Int == 1)
        #expect(
            Set(moves[0].keys) == [
                "move_id", "game_id", "ply", "color", "by", "uci", "san", "piece", "from", "to", "fen", "ts",
            ]
        )
        #expect(moves[2]["uci"] as? String == "g1f3")
    }

    @Test func anIllegalMoveIsRefusedAndChangesNothing() async throws {
        let harness = try await Harness()
        defer { harness.close() }
        try await harness.application.test(.router) { client in
            let (id, token, _) = try await Self.newGame(client)
            for text in ["e2e5", "Ke2", "zz", "e7e5"] {
                let refused = try await Self.move(client, id, text, token: token)
                #expect(refused.status == .unprocessableContent, "\(text)")
                #expect((try Self.json(refused)["error"] as? String)?.contains(text) == true)
            }
            let shown = try await client.execute(uri: "/api/chess/games/\(id)", method: .get)
            #expect(((try Self.json(shown)["game"] as! [String: Any])["moves"] as! [Any]).isEmpty)
        }
        #expect(try harness.published(ChessMoveEvent.topic).isEmpty)
    }

    @Test func onlyThePlayersOwnColourMoves() async throws {
        let harness = try await Harness()
        defer { harness.close() }
        try await harness.application.test(.router) { client in
            let created = try await client.execute(
                uri: "/api/chess/games",
                method: .post,
                headers: Self.jsonHeaders,
                body: Self.body(#"{"mode":"friend","color":"white","name":"Ann"}"#)
            )
            let answer = try Self.json(created)
            let id = (answer["game"] as! [String: Any])["game_id"] as! String
            let whiteToken = answer["player_token"] as! String
            let joined = try await client.execute(
                uri: "/api/chess/games/\(id)/join",
                method: .post,
                headers: Self.jsonHeaders,
                body: Self.body(#"{"name":"Bob"}"#)
            )
            #expect(joined.status == .ok)
            let blackToken = try Self.json(joined)["player_token"] as! String
            #expect(try Self.json(joined)["color"] as? String == "black")

            let full = try await client.execute(uri: "/api/chess/games/\(id)/join", method: .post)
            #expect(full.status == .conflict)

            let blackFirst = try await Self.move(client, id, "e2e4", token: blackToken)
            #expect(blackFirst.status == .forbidden)
            let stranger = try await Self.move(client, id, "e2e4", token: "not-a-token")
            #expect(stranger.status == .forbidden)
            let white = try await Self.move(client, id, "e2e4", token: whiteToken)
            #expect(white.status == .ok)
            #expect(try Self.json(white)["ai_move"] is NSNull)
        }
        #expect(try harness.published(ChessMoveEvent.topic).count == 1)
    }

    @Test func movesAfterTheEndAreRefused() async throws {
        let harness = try await Harness()
        defer { harness.close() }
        try await harness.application.test(.router) { client in
            let (id, token, _) = try await Self.newGame(client)
            let resigned = try await client.execute(
                uri: "/api/chess/games/\(id)/resign",
                method: .post,
                headers: Self.tokenHeader(token)
            )
            let game = try Self.json(resigned)["game"] as! [String: Any]
            #expect(game["status"] as? String == "ended")
            #expect(game["result"] as? String == "0-1")
            #expect(game["reason"] as? String == "resignation")
            let late = try await Self.move(client, id, "e2e4", token: token)
            #expect(late.status == .conflict)
        }
        let games = try harness.published(ChessGameEvent.topic)
        #expect(games.map { $0["event"] as? String } == ["started", "ended"])
        #expect(games[1]["result"] as? String == "0-1")
        #expect(try harness.published(ChessMoveEvent.topic).isEmpty)
    }

    @Test func badRequestsGetClearErrors() async throws {
        let harness = try await Harness()
        defer { harness.close() }
        try await harness.application.test(.router) { client in
            let unknown = try await client.execute(uri: "/api/chess/games/nope", method: .get)
            #expect(unknown.status == .notFound)
            #expect(try Self.json(unknown)["error"] as? String == "no game with id 'nope'")

            let malformed = try await client.execute(
                uri: "/api/chess/games",
                method: .post,
                headers: Self.jsonHeaders,
                body: Self.body("{mode:")
            )
            #expect(malformed.status == .badRequest)
            let badLevel = try await client.execute(
                uri: "/api/chess/games",
                method: .post,
                headers: Self.jsonHeaders,
                body: Self.body(#"{"level":11}"#)
            )
            #expect(badLevel.status == .unprocessableContent)
            let badMode = try await client.execute(
                uri: "/api/chess/games",
                method: .post,
                headers: Self.jsonHeaders,
                body: Self.body(#"{"mode":"robot"}"#)
            )
            #expect(badMode.status == .unprocessableContent)
            #expect(try Self.json(badMode)["error"] as? String == "'mode' must be ai or friend")
            let longName = String(repeating: "x", count: 41)
            let named = try await client.execute(
                uri: "/api/chess/games",
                method: .post,
                headers: Self.jsonHeaders,
                body: Self.body(#"{"name":"\#(longName)"}"#)
            )
            #expect(named.status == .unprocessableContent)
            let huge = try await client.execute(
                uri: "/api/chess/games",
                method: .post,
                headers: Self.jsonHeaders,
                body: ByteBuffer(repeating: UInt8(ascii: " "), count: 100_000)
            )
            #expect(huge.status == .contentTooLarge)

            let (id, token, _) = try await Self.newGame(client)
            let missingMove = try await client.execute(
                uri: "/api/chess/games/\(id)/moves",
                method: .post,
                headers: Self.tokenHeader(token),
                body: Self.body(#"{"mvoe":"e2e4"}"#)
            )
            #expect(missingMove.status == .unprocessableContent)
            #expect((try Self.json(missingMove)["error"] as? String)?.contains("move") == true)
        }
        #expect(try harness.published(ChessGameEvent.topic).count == 1, "only the one valid game was published")
    }

    @Test func namesAreKeptExactlyAndStatisticsComeFromThePipeline() async throws {
        let harness = try await Harness()
        defer { harness.close() }
        try await harness.application.test(.router) { client in
            let (_, _, answer) = try await Self.newGame(
                client,
                body: #"{"name":"<script>alert(1)</script>","color":"black"}"#
            )
            let game = answer["game"] as! [String: Any]
            #expect(game["black"] as? String == "<script>alert(1)</script>")
            #expect((game["moves"] as! [Any]).count == 1, "the engine opened as White")
            let before = try Self.json(try await client.execute(uri: "/api/chess/stats", method: .get))
            #expect(before["active_games"] as? Int == 0, "nothing is counted before the pipeline reads the topics")
            try harness.processPublished()
            let stats = try Self.json(try await client.execute(uri: "/api/chess/stats", method: .get))
            #expect(stats["active_games"] as? Int == 1)
            let recent = stats["recent_moves"] as! [[String: Any]]
            #expect(recent.count == 1 && recent[0]["color"] as? String == "white", "the engine's opening move")
            #expect(stats["moves_last_minute"] as? Int == 1)
        }
    }
}
