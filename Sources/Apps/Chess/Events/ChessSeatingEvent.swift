/// A record of the `chess.seats` topic: a game's settings and both seats, published when the game
/// is created and again when a friend joins, so that a restart gives every seat back to its player.
public struct ChessSeatingEvent: Codable, Sendable, Hashable, TopicRecord {
    /// The topic of the seatings, keyed by game id.
    public static let topic = "chess.seats"

    public var gameID: String
    public var mode: ChessGameMode
    public var level: Int
    public var white: ChessSeat
    public var black: ChessSeat
    public var ts: Int64

    public init(gameID: String, mode: ChessGameMode, level: Int, white: ChessSeat, black: ChessSeat, ts: Int64) {
        self.gameID = gameID
        self.mode = mode
        self.level = level
        self.white = white
        self.black = black
        self.ts = ts
    }

    enum CodingKeys: String, CodingKey {
        case gameID = "game_id"
        case mode, level, white, black, ts
    }
}
