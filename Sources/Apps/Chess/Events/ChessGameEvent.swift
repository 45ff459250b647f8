import FastJSON

/// A record of the `games` topic: a game started or ended (DESIGN.md's schema).
public struct ChessGameEvent: Codable, Sendable, Hashable, TopicRecord {
    /// The topic the games' starts and ends go to, keyed by game id.
    public static let topic = "games"

    public enum Kind: String, Codable, Sendable {
        case started
        case ended
    }

    public var gameID: String
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
        gameID: String,
        event: Kind,
        white: String,
        black: String,
        mode: String,
        result: String?,
        reason: String?,
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

    /// Writes `result` and `reason` as null while the game runs, so every record has every field.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(gameID, forKey: .gameID)
        try container.encode(event, forKey: .event)
        try container.encode(white, forKey: .white)
        try container.encode(black, forKey: .black)
        try container.encode(mode, forKey: .mode)
        try container.encode(result, forKey: .result)
        try container.encode(reason, forKey: .reason)
        try container.encode(ts, forKey: .ts)
    }

    enum CodingKeys: String, CodingKey {
        case gameID = "game_id"
        case event, white, black, mode, result, reason, ts
    }
}

extension ChessGameEvent: JSONObjectDecodable {
    /// Reads the fields under the names of `CodingKeys`, as `Decodable` does, without its containers.
    public init(json object: JSONObject) throws {
        let event = try object.decode(String.self, forKey: "event")
        guard let kind = Kind(rawValue: event) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [CodingKeys.event],
                    debugDescription: "expected \"started\" or \"ended\", found \"\(event)\""
                )
            )
        }
        self.init(
            gameID: try object.decode(String.self, forKey: "game_id"),
            event: kind,
            white: try object.decode(String.self, forKey: "white"),
            black: try object.decode(String.self, forKey: "black"),
            mode: try object.decode(String.self, forKey: "mode"),
            result: try object.decodeIfPresent(String.self, forKey: "result"),
            reason: try object.decodeIfPresent(String.self, forKey: "reason"),
            ts: try object.decode(Int64.self, forKey: "ts")
        )
    }
}
