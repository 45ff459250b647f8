/// The type of a Parquet column as a reader sees it: each maps to a physical type and an annotation.
///
/// Narrow integers travel as Parquet's `INT32` with an `INTEGER(bitWidth, isSigned)` logical type, so
/// pyarrow reads a `.uint8` column as `uint8`, not as `int32`.
public enum ParquetColumnType: Sendable, Hashable, CustomStringConvertible {
    /// `BOOLEAN`, one bit per value.
    case boolean
    /// `INT32` annotated `INTEGER(8, signed)`.
    case int8
    /// `INT32` annotated `INTEGER(16, signed)`.
    case int16
    /// `INT32` without annotation.
    case int32
    /// `INT64` without annotation.
    case int64
    /// `INT32` annotated `INTEGER(8, unsigned)`.
    case uint8
    /// `INT32` annotated `INTEGER(16, unsigned)`.
    case uint16
    /// `INT32` annotated `INTEGER(32, unsigned)`; values above `Int32.max` are stored as their bit pattern.
    case uint32
    /// `INT64` annotated `INTEGER(64, unsigned)`; values above `Int64.max` are stored as their bit pattern.
    case uint64
    /// `DOUBLE`, IEEE 754 binary64.
    case double
    /// `BYTE_ARRAY` annotated `STRING`: UTF-8 text.
    case string
    /// `INT64` annotated `TIMESTAMP(MILLIS)`: milliseconds since the epoch, given as `.integer`.
    /// `isAdjustedToUTC` is true for an instant (SQL's `TIMESTAMP_LTZ`) and false for a wall-clock
    /// time without a zone (SQL's `TIMESTAMP`).
    case timestampMillis(isAdjustedToUTC: Bool)
    /// `INT32` (precision up to 9) or `INT64` (up to 18) annotated `DECIMAL(precision, scale)`: the
    /// unscaled value, given as `.integer`, whose magnitude must stay below 10^precision.
    case decimal(precision: Int, scale: Int)

    /// The largest precision a decimal column holds: what fits the unscaled value in an `INT64`.
    public static let maximumDecimalPrecision = 18

    public var description: String {
        switch self {
        case .boolean: "boolean"
        case .int8: "int8"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .uint8: "uint8"
        case .uint16: "uint16"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .double: "double"
        case .string: "string"
        case .timestampMillis(let isAdjustedToUTC): isAdjustedToUTC ? "timestamp[ms, UTC]" : "timestamp[ms]"
        case .decimal(let precision, let scale): "decimal(\(precision), \(scale))"
        }
    }
}
