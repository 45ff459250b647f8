import FastJSON

extension GameEvent: JSONObjectDecodable {
    /// Reads the fields under the names of `CodingKeys`.
    public init(json object: JSONObject) throws {
        self.init(
            gameID: try object.decode(String.self, forKey: "game_id"),
            event: try object.decode(String.self, forKey: "event"),
            white: try object.decodeIfPresent(String.self, forKey: "white"),
            black: try object.decodeIfPresent(String.self, forKey: "black"),
            mode: try object.decodeIfPresent(String.self, forKey: "mode"),
            result: try object.decodeIfPresent(String.self, forKey: "result"),
            reason: try object.decodeIfPresent(String.self, forKey: "reason"),
            ts: try object.decode(Int64.self, forKey: "ts")
        )
    }
}
