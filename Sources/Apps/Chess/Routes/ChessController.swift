import Chess
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket

/// The chess API of DESIGN.md, its live channels and its pages.
public struct ChessController<
    Context: RequestContext & WebSocketRequestContext & RemoteAddressRequestContext
>: Sendable {
    struct CreateGameBody: Decodable {
        var mode: String?
        var level: Int?
        var color: String?
        var name: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            mode = try container.decodeIfPresent(String.self, forKey: .mode)
            // A number that is no Int (3.5, 1e400) fails without naming its field: say which, and what fits.
            do {
                level = try container.decodeIfPresent(Int.self, forKey: .level)
            } catch {
                throw ChessGameStore.invalidLevel
            }
            color = try container.decodeIfPresent(String.self, forKey: .color)
            name = try container.decodeIfPresent(String.self, forKey: .name)
        }

        enum CodingKeys: String, CodingKey {
            case mode, level, color, name
        }
    }

    struct JoinBody: Decodable {
        var name: String?
    }

    struct MoveBody: Decodable {
        var move: String
    }

    struct SeatAnswer: Encodable {
        var game: ChessGameSnapshot
        var playerToken: String
        var color: String
    }

    struct GameAnswer: Encodable {
        var game: ChessGameSnapshot
    }

    struct MoveAnswer: Encodable {
        var game: ChessGameSnapshot
        var aiMove: ChessMoveEvent?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(game, forKey: .game)
            // Present as null rather than absent, so clients can rely on the key.
            try container.encode(aiMove, forKey: .aiMove)
        }

        enum CodingKeys: String, CodingKey {
            case game
            case aiMove
        }
    }

    struct ChannelMessage<Payload: Encodable>: Encodable {
        var type: String
        var game: Payload?
        var stats: Payload?
    }

    /// Header carrying the secret of a player's seat.
    public static var playerTokenHeader: HTTPField.Name { HTTPField.Name("X-Player-Token")! }

    let store: ChessGameStore
    let statistics: any ChessStatisticsSource
    let pages: AppPages
    let creationLimiter: ClientRateLimiter

    /// - Parameter gamesPerMinutePerClient: new games one client address may create per minute.
    public init(store: ChessGameStore, statistics: any ChessStatisticsSource, gamesPerMinutePerClient: Int = 30) {
        self.store = store
        self.statistics = statistics
        self.pages = AppPages(folder: "Chess")
        self.creationLimiter = ClientRateLimiter(limitPerMinute: gamesPerMinutePerClient)
    }

    public func addRoutes(to router: Router<Context>) {
        let api = router.group("api/chess")
        api.post("games", use: create)
        api.get("games/{id}", use: show)
        api.post("games/{id}/join", use: join)
        api.post("games/{id}/moves", use: move)
        api.post("games/{id}/resign", use: resign)
        api.get("stats") { _, _ in try JSONResponse.make(await statistics.current()) }

        router.get("chess") { _, _ in try pages.page("board.html") }
        router.get("chess/games/{id}") { _, _ in try pages.page("board.html") }
        router.get("chess/dashboard") { _, _ in try pages.page("dashboard.html") }
        router.get("chess/static/**") { request, context in
            try pages.file(context.parameters.getCatchAll().joined(separator: "/"))
        }

        router.ws("ws/chess/games/{id}") { _, context in
            guard let id = context.parameters.get("id"), (try? await store.snapshot(gameId: id)) != nil else {
                return .dontUpgrade
            }
            return .upgrade()
        } onUpgrade: { inbound, outbound, context in
            let id = context.requestContext.parameters.get("id") ?? ""
            let updates = try await store.updates(gameId: id)
            try await LiveChannel.run(inbound: inbound, outbound: outbound, updates: updates) { snapshot, isFirst in
                ChannelMessage(type: isFirst ? "snapshot" : "game", game: snapshot, stats: nil)
            }
        }
        router.ws("ws/chess/dashboard") { inbound, outbound, _ in
            let changes = await statistics.changes()
            let updates = AsyncStream.startingWith(await statistics.current(), then: changes) { $0 }
            try await LiveChannel.run(inbound: inbound, outbound: outbound, updates: updates) { stats, isFirst in
                ChannelMessage(type: isFirst ? "snapshot" : "stats", game: nil, stats: stats)
            }
        }
    }

    @Sendable func create(request: Request, context: Context) async throws -> Response {
        let client = context.remoteAddress?.ipAddress ?? "unknown"
        if let retryAfter = await creationLimiter.admit(client) {
            throw APIError(
                .tooManyRequests,
                "too many new games from \(client): at most \(creationLimiter.limitPerMinute) a minute;"
                    + " retry in \(retryAfter) s",
                headers: [.retryAfter: "\(retryAfter)"]
            )
        }
        let body = try await JSONResponse.decode(CreateGameBody.self, from: request, context: context)
        let (snapshot, token, color) = try await mapped {
            try await store.create(
                mode: try Self.playableMode(body.mode),
                level: body.level ?? ChessGameStore.defaultLevel,
                color: body.color ?? "white",
                name: body.name ?? ""
            )
        }
        return try JSONResponse.make(
            SeatAnswer(game: snapshot, playerToken: token, color: color.name),
            status: .created
        )
    }

    @Sendable func show(request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        return try JSONResponse.make(GameAnswer(game: try await mapped { try await store.snapshot(gameId: id) }))
    }

    @Sendable func join(request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await JSONResponse.decode(JoinBody.self, from: request, context: context)
        let (snapshot, token, color) = try await mapped { try await store.join(gameId: id, name: body.name ?? "") }
        return try JSONResponse.make(SeatAnswer(game: snapshot, playerToken: token, color: color.name))
    }

    @Sendable func move(request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await JSONResponse.decode(MoveBody.self, from: request, context: context)
        let token = request.headers[Self.playerTokenHeader]
        let (snapshot, engineMove) = try await mapped {
            try await store.move(gameId: id, token: token, notation: body.move)
        }
        return try JSONResponse.make(MoveAnswer(game: snapshot, aiMove: engineMove))
    }

    @Sendable func resign(request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let token = request.headers[Self.playerTokenHeader]
        return try JSONResponse.make(
            GameAnswer(game: try await mapped { try await store.resign(gameId: id, token: token) })
        )
    }

    /// The mode a player may start: `ai` (the default) or `friend`; `demo` is the simulator's.
    static func playableMode(_ text: String?) throws -> ChessGameMode {
        guard let mode = ChessGameMode(rawValue: text ?? ChessGameMode.ai.rawValue), mode != .demo else {
            throw ChessGameFailure.invalidValue(field: "mode", allowed: "ai or friend")
        }
        return mode
    }

    /// Runs a store operation, turning its refusals into HTTP answers.
    private func mapped<Result>(_ operation: () async throws -> Result) async throws -> Result {
        do {
            return try await operation()
        } catch let failure as ChessGameFailure {
            let status: HTTPResponse.Status =
                switch failure {
                case .unknownGame: .notFound
                case .invalidValue, .illegalMove: .unprocessableContent
                case .notAPlayer, .notYourTurn: .forbidden
                case .gameOver, .gameFull, .notJoinable: .conflict
                }
            throw APIError(status, failure.description)
        }
    }
}
