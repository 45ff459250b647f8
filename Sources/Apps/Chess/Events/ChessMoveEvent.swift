import FastJSON

/// A record of the `moves` topic: one move of one game (DESIGN.md's schema).
///
/// The one type of the topic: the game store publishes it, the statistics pipeline and the restore
/// read it, the pages receive it; its keys are spelled out, so every JSON coder writes the same.
public struct ChessMoveEvent: Codable, Sendable, Hashable, TopicRecord {
    /// The topic the moves go to, keyed by game id.
    public static let topic = "moves"

    public var moveID: String
    public var gameID: String
    /// Half-move number, 1 for White's first move.
    public var ply: Int
    /// "white" or "black".
    public var color: String
    /// "player" or "ai".
    public var by: String
    public var uci: String
    public var san: String
    /// The moving piece's letter: "P", "N", "B", "R", "Q" or "K".
    public var piece: String
    public var from: String
    public var to: String
    /// The position after the move.
    public var fen: String
    /// Milliseconds since the epoch.
    public var ts: Int64

    public init(
        moveID: String,
        gameID: String,
        ply: Int,
        color: String,
        by: String,
        uci: String,
        san: String,
        piece: String,
        from: String,
        to: String,
        fen: String,
        ts: Int64
    ) {
        self.moveID = moveID
        self.gameID = gameID
        self.ply = ply
        self.color = color
        self.by = by
        self.uci = uci
        self.san = san
        self.piece = piece
        self.from = from
        self.to = to
        self.fen = fen
        self.ts = ts
    }

    enum CodingKeys: String, CodingKey {
        case moveID = "move_id"
        case gameID = "game_id"
        case ply, color, by, uci, san, piece, from, to, fen, ts
    }
}

extension ChessMoveEvent: JSONObjectDecodable {
    /// Reads the fields under the names of `CodingKeys`, as `Decodable` does, without its containers.
    public init(json object: JSONObject) throws {
        self.init(
            moveID: try object.decode(String.self, forKey: "move_id"),
            gameID: try object.decode(String.self, forKey: "game_id"),
            ply: try object.decode(Int.self, forKey: "ply"),
            color: try object.decode(String.self, forKey: "color"),
            by: try object.decode(String.self, forKey: "by"),
            uci: try object.decode(String.self, forKey: "uci"),
            san: try object.decode(String.self, forKey: "san"),
            piece: try object.decode(String.self, forKey: "piece"),
            from: try object.decode(String.self, forKey: "from"),
            to: try object.decode(String.self, forKey: "to"),
            fen: try object.decode(String.self, forKey: "fen"),
            ts: try object.decode(Int64.self, forKey: "ts")
        )
    }
}
