import FastJSON

extension MoveEvent: JSONObjectDecodable {
    /// Reads the fields under the names of `CodingKeys`.
    public init(json object: JSONObject) throws {
        self.init(
            moveID: try object.decodeIfPresent(String.self, forKey: "move_id"),
            gameID: try object.decode(String.self, forKey: "game_id"),
            ply: try object.decodeIfPresent(Int.self, forKey: "ply"),
            color: try object.decodeIfPresent(String.self, forKey: "color"),
            by: try object.decodeIfPresent(String.self, forKey: "by"),
            uci: try object.decodeIfPresent(String.self, forKey: "uci"),
            san: try object.decodeIfPresent(String.self, forKey: "san"),
            piece: try object.decodeIfPresent(String.self, forKey: "piece"),
            from: try object.decodeIfPresent(String.self, forKey: "from"),
            to: try object.decodeIfPresent(String.self, forKey: "to"),
            fen: try object.decodeIfPresent(String.self, forKey: "fen"),
            ts: try object.decode(Int64.self, forKey: "ts")
        )
    }
}
