import Chess
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import Web

/// The chess API of DESIGN.md, its live channels and its pages.
public struct ChessController: Sendable {
    public typealias Context = KibitzRequestContext

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

    struct SeatAnswer: ResponseEncodable {
        var game: ChessGameSnapshot
        var playerToken: String
        var color: String
    }

    struct GameAnswer: ResponseEncodable {
        var game: ChessGameSnapshot
    }

    struct MoveAnswer: ResponseEncodable {
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

    struct ChannelMessage: Encodable {
        var type: String
        var game: ChessGameSnapshot
    }

    /// Header carrying the secret of a player's seat.
    public static var playerTokenHeader: HTTPField.Name { HTTPField.Name("X-Player-Token")! }

    let store: ChessGameStore
    let dashboard: ChessDashboardFeed
    let creationLimiter: ClientRateLimiter

    /// - Parameter gamesPerMinutePerClient: new games one client address may create per minute.
    public init(store: ChessGameStore, dashboard: ChessDashboardFeed, gamesPerMinutePerClient: Int = 30) {
        self.store = store
        self.dashboard = dashboard
        self.creationLimiter = ClientRateLimiter(limitPerMinute: gamesPerMinutePerClient)
    }

    public func addRoutes(to router: Router<Context>, pages: AppPages, logger: Logger) {
        let api = router.group("api/chess")
        api.post("games", use: create)
        api.get("games/{id}", use: show)
        api.post("games/{id}/join", use: join)
        api.post("games/{id}/moves", use: move)
        api.post("games/{id}/resign", use: resign)
        api.get("stats") { _, _ in dashboard.snapshot() }

        router.get("chess") { _, _ in try pages.page("board.html") }
        router.get("chess/games/{id}") { _, _ in try pages.page("board.html") }
        router.get("chess/dashboard") { _, _ in try pages.page("dashboard.html") }
        pages.addStaticFiles(to: router, at: "/chess/static", logger: logger)

        router.ws("ws/chess/games/{id}") { _, context in
            // An unknown game is refused with the API's 404 and reason.
            _ = try await store.snapshot(gameID: try context.parameters.require("id"))
            return .upgrade()
        } onUpgrade: { inbound, outbound, context in
            let id = context.requestContext.parameters.get("id") ?? ""
            let updates = try await store.updates(gameID: id)
            try await LiveChannel.run(inbound: inbound, outbound: outbound, updates: updates) { snapshot, isFirst in
                ChannelMessage(type: isFirst ? "snapshot" : "game", game: snapshot)
            }
        }
        router.ws("ws/chess/dashboard") { inbound, outbound, _ in
            try await LiveChannel.run(inbound: inbound, outbound: outbound, updates: dashboard.messages()) {
                message,
                _ in
                message
            }
        }
    }

    @Sendable func create(request: Request, context: Context) async throws -> EditedResponse<SeatAnswer> {
        let client = context.remoteAddress?.ipAddress ?? "unknown"
        if let retryAfter = await creationLimiter.admit(client) {
            throw APIError(
                .tooManyRequests,
                "too many new games from \(client): at most \(creationLimiter.limitPerMinute) a minute;"
                    + " retry in \(retryAfter) s",
                headers: [.retryAfter: "\(retryAfter)"]
            )
        }
        let body = try await request.decode(as: CreateGameBody.self, context: context)
        let (snapshot, token, color) = try await store.create(
            mode: try Self.playableMode(body.mode),
            level: body.level ?? ChessGameStore.defaultLevel,
            color: body.color ?? "white",
            name: body.name ?? ""
        )
        return EditedResponse(
            status: .created,
            response: SeatAnswer(game: snapshot, playerToken: token, color: color.name)
        )
    }

    @Sendable func show(request: Request, context: Context) async throws -> GameAnswer {
        GameAnswer(game: try await store.snapshot(gameID: try context.parameters.require("id")))
    }

    @Sendable func join(request: Request, context: Context) async throws -> SeatAnswer {
        let id = try context.parameters.require("id")
        let body = try await request.decode(as: JoinBody.self, context: context)
        let (snapshot, token, color) = try await store.join(gameID: id, name: body.name ?? "")
        return SeatAnswer(game: snapshot, playerToken: token, color: color.name)
    }

    @Sendable func move(request: Request, context: Context) async throws -> MoveAnswer {
        let id = try context.parameters.require("id")
        let body = try await request.decode(as: MoveBody.self, context: context)
        let token = request.headers[Self.playerTokenHeader]
        let (snapshot, engineMove) = try await store.move(gameID: id, token: token, notation: body.move)
        return MoveAnswer(game: snapshot, aiMove: engineMove)
    }

    @Sendable func resign(request: Request, context: Context) async throws -> GameAnswer {
        let id = try context.parameters.require("id")
        let token = request.headers[Self.playerTokenHeader]
        return GameAnswer(game: try await store.resign(gameID: id, token: token))
    }

    /// The mode a player may start: `ai` (the default) or `friend`; `demo` is the simulator's.
    static func playableMode(_ text: String?) throws -> ChessGameMode {
        guard let mode = ChessGameMode(rawValue: text ?? ChessGameMode.ai.rawValue), mode != .demo else {
            throw ChessGameFailure.invalidValue(field: "mode", allowed: "ai or friend")
        }
        return mode
    }
}
