import Foundation

/// One value of a SQL row at run time; its `SQLType` is known from the plan, not carried here.
///
/// Every integer type is an `Int64`, FLOAT and DOUBLE a `Double`; TIMESTAMP and TIMESTAMP_LTZ are
/// milliseconds since 1970-01-01 00:00:00 UTC (Kibitz's session time zone is UTC).
public enum SQLValue: Sendable, Hashable {
    case null
    case boolean(Bool)
    case integer(Int64)
    case double(Double)
    case decimal(Decimal)
    case string(String)
    /// Milliseconds since the epoch, UTC.
    case timestamp(Int64)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Milliseconds since midnight.
    case time(Int32)
    /// INTERVAL DAY TO SECOND, in milliseconds.
    case dayTimeInterval(Int64)
    /// INTERVAL YEAR TO MONTH, in months.
    case yearMonthInterval(Int32)
    case row([SQLValue])
    case array([SQLValue])
    /// MAP entries, in insertion order (keys are distinct).
    case map([SQLMapEntry])

    /// Whether this is NULL.
    @inlinable
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// One entry of a MAP value.
public struct SQLMapEntry: Sendable, Hashable, Codable {
    public var key: SQLValue
    public var value: SQLValue

    public init(key: SQLValue, value: SQLValue) {
        self.key = key
        self.value = value
    }
}

/// A row: one value per column of the plan's schema at that point.
public typealias SQLRow = [SQLValue]
