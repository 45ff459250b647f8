/// One cell of a row handed to `ParquetWriter`.
///
/// Integers come in two cases so that the whole range of `UInt64` fits; the writer accepts either case
/// for any integer column as long as the value lies in the column type's range.
public enum ParquetValue: Sendable, Hashable {
    /// No value; allowed only in nullable columns.
    case null
    /// A value for a `.boolean` column.
    case boolean(Bool)
    /// A value for an integer column (or a `.double` column, when exactly representable).
    case integer(Int64)
    /// A value for an integer column, for unsigned values above `Int64.max`.
    case unsignedInteger(UInt64)
    /// A value for a `.double` column.
    case double(Double)
    /// A value for a `.string` column.
    case string(String)

    /// Wraps any integer, choosing `.integer` when it fits in `Int64` and `.unsignedInteger` otherwise.
    public init(_ value: some BinaryInteger) {
        if let signed = Int64(exactly: value) {
            self = .integer(signed)
        } else {
            self = .unsignedInteger(UInt64(value))
        }
    }

    /// Wraps a string.
    public init(_ value: String) {
        self = .string(value)
    }
}

extension ParquetValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension ParquetValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) {
        self = .boolean(value)
    }
}

extension ParquetValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }
}

extension ParquetValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) {
        self = .double(value)
    }
}

extension ParquetValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}
