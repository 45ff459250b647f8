/// A game as the API and the game channel show it.
public struct ChessGameSnapshot: Codable, Sendable, Equatable {
    public struct LastMove: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
    }

    public var gameID: String
    public var white: String
    public var black: String
    public var mode: ChessGameMode
    public var level: Int
    /// "active" or "ended".
    public var status: String
    public var result: String?
    public var reason: String?
    public var fen: String
    /// "white" or "black": the side to move.
    public var turn: String
    public var check: Bool
    public var moves: [ChessMoveEvent]
    /// The legal moves of the side to move, in UCI; empty once the game is over.
    public var legalMoves: [String]
    public var lastMove: LastMove?
    public var pgn: String
}
