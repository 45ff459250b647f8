import Parquet

/// Deterministic rows for the tables of DESIGN.md and for every column type, shared by the unit
/// tests and by the sample files that tests/e2e/test_parquet_files.py reads with pyarrow and DuckDB.
///
/// The Python test recomputes the same formulas, so change both together.
enum SampleTables {
    static let gameMetaSchema: ParquetSchema = [
        ParquetColumn(name: "game_token", type: .string),
        ParquetColumn(name: "user_token", type: .string),
        ParquetColumn(name: "superhero_id", type: .uint16),
    ]

    static let gamePodiumSchema: ParquetSchema = [
        ParquetColumn(name: "game_token", type: .string),
        ParquetColumn(name: "user_token", type: .string),
        ParquetColumn(name: "rank", type: .uint8),
        ParquetColumn(name: "rounds", type: .uint8),
        ParquetColumn(name: "damage_received", type: .uint64),
        ParquetColumn(name: "damage_sent", type: .uint64),
    ]

    static let allTypesSchema: ParquetSchema = [
        ParquetColumn(name: "flag", type: .boolean, isNullable: true),
        ParquetColumn(name: "small", type: .int8),
        ParquetColumn(name: "medium", type: .int16),
        ParquetColumn(name: "normal", type: .int32),
        ParquetColumn(name: "large", type: .int64),
        ParquetColumn(name: "unsigned32", type: .uint32),
        ParquetColumn(name: "ratio", type: .double),
        ParquetColumn(name: "label", type: .string, isNullable: true),
        ParquetColumn(name: "count", type: .uint64, isNullable: true),
    ]

    /// More rows than one row group of `rowGroupSize`, so files have several.
    static let rowCount = 2_500
    static let rowGroupSize = 1_000
    static let allTypesRowCount = 300
    static let allTypesRowGroupSize = 128

    static func gameMetaRow(_ index: Int) -> GameMeta {
        GameMeta(
            gameToken: index == 0 ? "" : "game-\(index / 4)",
            userToken: index % 7 == 0 ? "" : index % 7 == 1 ? "héros-🦸-\(index)" : "user-\(index)",
            superheroIdentifier: index == 1 ? .max : UInt16((index * 7919) % 65_536)
        )
    }

    static func gamePodiumRow(_ index: Int) -> [ParquetValue] {
        let unsignedIndex = UInt64(index)
        return [
            .string("game-\(index / 8)"),
            .string(index % 11 == 0 ? "" : "player-\(index)-ü"),
            ParquetValue(index % 256),
            ParquetValue((index * 13) % 256),
            index == 0 ? .unsignedInteger(.max) : ParquetValue(unsignedIndex * 1_000_003),
            index % 2 == 0 ? .unsignedInteger(.max - unsignedIndex) : ParquetValue(unsignedIndex << 40),
        ]
    }

    static func allTypesRow(_ index: Int) -> [ParquetValue] {
        [
            index % 3 == 0 ? .null : .boolean(index % 2 == 0),
            ParquetValue(index % 256 - 128),
            ParquetValue(index * 100 - 15_000),
            index == 0 ? ParquetValue(Int32.min) : index == 1 ? ParquetValue(Int32.max) : ParquetValue(index * -12_345),
            index == 0 ? .integer(.min) : index == 1 ? .integer(.max) : .integer(Int64(index) * -1_000_000_000_000),
            index == 0 ? ParquetValue(UInt32.max) : ParquetValue(index * 1_000),
            .double(index == 0 ? -0.0 : Double(index) / 8 - 10),
            index % 4 == 0 ? .null : .string("label-\(index)"),
            index % 5 == 0 ? .null : .unsignedInteger(.max - UInt64(index)),
        ]
    }
}

/// A row of `game_meta`, written through `ParquetRowEncodable` as the ETL worker would.
struct GameMeta: ParquetRowEncodable, Equatable {
    var gameToken: String
    var userToken: String
    var superheroIdentifier: UInt16

    static var parquetSchema: ParquetSchema { SampleTables.gameMetaSchema }

    var parquetValues: [ParquetValue] {
        [.string(gameToken), .string(userToken), ParquetValue(superheroIdentifier)]
    }
}
