/// A record of the `moves` topic: one move of one game.
public struct ChessMoveEvent: Codable, Sendable, Hashable {
    public var moveId: String
    public var gameId: String
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
    public var ts: Int64

    public init(
        moveId: String,
        gameId: String,
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
        self.moveId = moveId
        self.gameId = gameId
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
}
