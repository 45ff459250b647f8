/// A row type that knows its Parquet schema and how to list its values in schema order.
///
/// ```swift
/// struct GameMeta: ParquetRowEncodable {
///     var gameToken: String
///     var userToken: String
///     var superheroIdentifier: UInt16
///
///     static let parquetSchema: ParquetSchema = [
///         ParquetColumn(name: "game_token", type: .string),
///         ParquetColumn(name: "user_token", type: .string),
///         ParquetColumn(name: "superhero_id", type: .uint16),
///     ]
///
///     var parquetValues: [ParquetValue] {
///         [.string(gameToken), .string(userToken), ParquetValue(superheroIdentifier)]
///     }
/// }
/// ```
public protocol ParquetRowEncodable {
    /// The schema that every row of this type fits.
    static var parquetSchema: ParquetSchema { get }
    /// The row's values, one per column of `parquetSchema`, in the same order.
    var parquetValues: [ParquetValue] { get }
}
