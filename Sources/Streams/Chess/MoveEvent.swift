/// A value of the `moves` topic: one move of a game (DESIGN.md's schema).
public struct MoveEvent: Codable, Hashable, Sendable {
    public var moveID: String?
    public var gameID: String
    public var ply: Int?
    /// "white" or "black".
    public var color: String?
    /// "player" or "ai".
    public var by: String?
    public var uci: String?
    public var san: String?
    public var piece: String?
    public var from: String?
    public var to: String?
    public var fen: String?
    /// Milliseconds since the epoch.
    public var ts: Int64

    public init(
        moveID: String? = nil,
        gameID: String,
        ply: Int? = nil,
        color: String? = nil,
        by: String? = nil,
        uci: String? = nil,
        san: String? = nil,
        piece: String? = nil,
        from: String? = nil,
        to: String? = nil,
        fen: String? = nil,
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
