import Parquet

/// A row of `game_podium`: how a player fared in a game (the fact table).
public struct GamePodiumRow: Codable, Hashable, Sendable, ParquetRowEncodable {
    public var gameToken: String
    public var userToken: String
    /// 1 for the winner, then in reverse order of defeat.
    public var rank: UInt8
    /// Rounds the player lasted: the round of defeat, or every round for the winner.
    public var rounds: UInt8
    public var damageReceived: UInt64
    public var damageSent: UInt64

    public init(
        gameToken: String,
        userToken: String,
        rank: UInt8,
        rounds: UInt8,
        damageReceived: UInt64,
        damageSent: UInt64
    ) {
        self.gameToken = gameToken
        self.userToken = userToken
        self.rank = rank
        self.rounds = rounds
        self.damageReceived = damageReceived
        self.damageSent = damageSent
    }

    public static let parquetSchema: ParquetSchema = [
        ParquetColumn(name: "game_token", type: .string),
        ParquetColumn(name: "user_token", type: .string),
        ParquetColumn(name: "rank", type: .uint8),
        ParquetColumn(name: "rounds", type: .uint8),
        ParquetColumn(name: "damage_received", type: .uint64),
        ParquetColumn(name: "damage_sent", type: .uint64),
    ]

    public var parquetValues: [ParquetValue] {
        [
            .string(gameToken), .string(userToken), ParquetValue(rank), ParquetValue(rounds),
            ParquetValue(damageReceived), ParquetValue(damageSent),
        ]
    }
}
