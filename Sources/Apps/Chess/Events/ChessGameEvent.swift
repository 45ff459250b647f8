/// A record of the `games` topic: a game started or ended.
public struct ChessGameEvent: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case started
        case ended
    }

    public var gameId: String
    public var event: Kind
    public var white: String
    public var black: String
    /// "ai" or "friend".
    public var mode: String
    /// "1-0", "0-1" or "1/2-1/2" once ended.
    public var result: String?
    /// Why the game ended: "checkmate", "resignation", "stalemate", ...
    public var reason: String?
    public var ts: Int64

    public init(
        gameId: String,
        event: Kind,
        white: String,
        black: String,
        mode: String,
        result: String?,
        reason: String?,
        ts: Int64
    ) {
        self.gameId = gameId
        self.event = event
        self.white = white
        self.black = black
        self.mode = mode
        self.result = result
        self.reason = reason
        self.ts = ts
    }

    /// Writes `result` and `reason` as null while the game runs, so every record has every field.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(gameId, forKey: .gameId)
        try container.encode(event, forKey: .event)
        try container.encode(white, forKey: .white)
        try container.encode(black, forKey: .black)
        try container.encode(mode, forKey: .mode)
        try container.encode(result, forKey: .result)
        try container.encode(reason, forKey: .reason)
        try container.encode(ts, forKey: .ts)
    }

    enum CodingKeys: String, CodingKey {
        case gameId, event, white, black, mode, result, reason, ts
    }
}
