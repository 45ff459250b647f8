import Parquet

/// A row of `game_meta`: which superhero a player brought to a game (the dimension table).
public struct GameMetaRow: Codable, Hashable, Sendable, ParquetRowEncodable {
    public var gameToken: String
    public var userToken: String
    public var superheroId: UInt16

    public init(gameToken: String, userToken: String, superheroId: UInt16) {
        self.gameToken = gameToken
        self.userToken = userToken
        self.superheroId = superheroId
    }

    public static let parquetSchema: ParquetSchema = [
        ParquetColumn(name: "game_token", type: .string),
        ParquetColumn(name: "user_token", type: .string),
        ParquetColumn(name: "superhero_id", type: .uint16),
    ]

    public var parquetValues: [ParquetValue] {
        [.string(gameToken), .string(userToken), ParquetValue(superheroId)]
    }
}
