import Foundation

/// The little arithmetic and ordering of SQL values that the operators need: sums for SUM and AVG,
/// and comparison for MIN, MAX and Top-N.
///
/// Values of one column have one type; integers, doubles and decimals meet only in a mixed
/// comparison, where they are compared as numbers.
enum AggregateArithmetic {
    /// `first + second` for two values of a numeric type; integers wrap as Java's longs do, as in Flink.
    static func add(_ first: SQLValue, _ second: SQLValue) -> SQLValue {
        switch (first, second) {
        case (.null, _): second
        case (_, .null): first
        case (.integer(let left), .integer(let right)): .integer(left &+ right)
        case (.double(let left), .double(let right)): .double(left + right)
        case (.decimal(let left), .decimal(let right)): .decimal(left + right)
        default: .double(number(first) + number(second))
        }
    }

    /// `first - second`, for retractions.
    static func subtract(_ first: SQLValue, _ second: SQLValue) -> SQLValue {
        add(first, negate(second))
    }

    static func negate(_ value: SQLValue) -> SQLValue {
        switch value {
        case .integer(let integer): .integer(0 &- integer)
        case .double(let double): .double(-double)
        case .decimal(let decimal): .decimal(-decimal)
        default: value
        }
    }

    /// `sum / count` for AVG, with the result type of Flink's AVG: integer division truncated toward
    /// zero for the integers, a decimal rounded half up to `scale` places, a double otherwise.
    static func average(sum: SQLValue, count: Int64, resultType: SQLType) -> SQLValue {
        guard count > 0 else { return .null }
        switch (sum, resultType.kind) {
        case (.integer(let total), _): return .integer(total / count)
        case (.decimal(let total), .decimal(_, let scale)):
            var quotient = total / Decimal(count)
            var rounded = Decimal()
            NSDecimalRound(&rounded, &quotient, scale, .plain)
            return .decimal(rounded)
        default: return .double(number(sum) / Double(count))
        }
    }

    /// The value as a double, for mixed comparisons and sums.
    static func number(_ value: SQLValue) -> Double {
        switch value {
        case .integer(let integer): Double(integer)
        case .double(let double): double
        case .decimal(let decimal): NSDecimalNumber(decimal: decimal).doubleValue
        default: .nan
        }
    }

    /// Orders two non-null values of one type as Flink does: numbers by value, strings by their UTF-8
    /// bytes, false before true, times by their instant. NULL sorts before everything.
    static func compare(_ first: SQLValue, _ second: SQLValue) -> ComparisonResult {
        switch (first, second) {
        case (.null, .null): return .orderedSame
        case (.null, _): return .orderedAscending
        case (_, .null): return .orderedDescending
        case (.integer(let left), .integer(let right)): return order(left, right)
        case (.double(let left), .double(let right)): return order(left, right)
        case (.decimal(let left), .decimal(let right)): return order(left, right)
        case (.string(let left), .string(let right)):
            if left == right { return .orderedSame }
            return left.utf8.lexicographicallyPrecedes(right.utf8) ? .orderedAscending : .orderedDescending
        case (.boolean(let left), .boolean(let right)): return order(left ? 1 : 0, right ? 1 : 0)
        case (.timestamp(let left), .timestamp(let right)): return order(left, right)
        case (.date(let left), .date(let right)): return order(left, right)
        case (.time(let left), .time(let right)): return order(left, right)
        case (.dayTimeInterval(let left), .dayTimeInterval(let right)): return order(left, right)
        case (.yearMonthInterval(let left), .yearMonthInterval(let right)): return order(left, right)
        case (.integer, _), (.double, _), (.decimal, _): return order(number(first), number(second))
        default: return order(String(describing: first), String(describing: second))
        }
    }

    private static func order<Value: Comparable>(_ left: Value, _ right: Value) -> ComparisonResult {
        left < right ? .orderedAscending : left == right ? .orderedSame : .orderedDescending
    }
}
