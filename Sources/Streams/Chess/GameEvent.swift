/// A value of the `games` topic: a game started or ended (DESIGN.md's schema).
public struct GameEvent: Codable, Hashable, Sendable {
    public var gameID: String
    /// "started" or "ended".
    public var event: String
    public var white: String?
    public var black: String?
    public var mode: String?
    /// "1-0", "0-1" or "1/2-1/2" once ended.
    public var result: String?
    public var reason: String?
    /// Milliseconds since the epoch.
    public var ts: Int64

    public init(
        gameID: String,
        event: String,
        white: String? = nil,
        black: String? = nil,
        mode: String? = nil,
        result: String? = nil,
        reason: String? = nil,
        ts: Int64
    ) {
        self.gameID = gameID
        self.event = event
        self.white = white
        self.black = black
        self.mode = mode
        self.result = result
        self.reason = reason
        self.ts = ts
    }

    enum CodingKeys: String, CodingKey {
        case gameID = "game_id"
        case event, white, black, mode, result, reason, ts
    }
}
