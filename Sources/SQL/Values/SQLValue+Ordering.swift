import Foundation

/// A total order of values, for comparisons, MIN/MAX and sort keys.
///
/// NULL comes first; numbers compare by value across INTEGER, DOUBLE and DECIMAL (NaN last, as
/// Java's `Double.compare`); strings by their UTF-8 bytes, as Flink's `BinaryStringData`; rows and
/// arrays field by field. Values of unrelated kinds, which a typed plan never compares, are ordered
/// by kind so that the order stays total.
extension SQLValue {
    /// -1, 0 or 1 as `left` sorts before, with or after `right`.
    public static func compare(_ left: SQLValue, _ right: SQLValue) -> Int {
        switch (left, right) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.integer(let first), .integer(let second)): return order(first, second)
        case (.double(let first), .double(let second)): return compareDoubles(first, second)
        case (.decimal(let first), .decimal(let second)): return order(first, second)
        case (.integer(let first), .double(let second)): return compareDoubles(Double(first), second)
        case (.double(let first), .integer(let second)): return compareDoubles(first, Double(second))
        case (.integer(let first), .decimal(let second)): return order(Decimal(first), second)
        case (.decimal(let first), .integer(let second)): return order(first, Decimal(second))
        case (.decimal(let first), .double(let second)): return compareDoubles(DecimalMath.double(first), second)
        case (.double(let first), .decimal(let second)): return compareDoubles(first, DecimalMath.double(second))
        case (.string(let first), .string(let second)): return compareUTF8(first, second)
        case (.boolean(let first), .boolean(let second)): return order(first ? 1 : 0, second ? 1 : 0)
        case (.timestamp(let first), .timestamp(let second)): return order(first, second)
        case (.date(let first), .date(let second)): return order(first, second)
        case (.time(let first), .time(let second)): return order(first, second)
        case (.dayTimeInterval(let first), .dayTimeInterval(let second)): return order(first, second)
        case (.yearMonthInterval(let first), .yearMonthInterval(let second)): return order(first, second)
        case (.row(let first), .row(let second)), (.array(let first), .array(let second)):
            return compareSequences(first, second)
        case (.map(let first), .map(let second)):
            return compareSequences(first.flatMap { [$0.key, $0.value] }, second.flatMap { [$0.key, $0.value] })
        default: return order(left.kindRank, right.kindRank)
        }
    }

    /// Whether `left` sorts strictly before `right` in `compare`'s order.
    @inlinable
    public static func sortsBefore(_ left: SQLValue, _ right: SQLValue) -> Bool { compare(left, right) < 0 }

    /// Whether two rows sort before one another by their values in order: for sort keys.
    public static func compare(_ left: SQLRow, _ right: SQLRow) -> Int { compareSequences(left, right) }

    private static func order<Value: Comparable>(_ left: Value, _ right: Value) -> Int {
        left < right ? -1 : (left == right ? 0 : 1)
    }

    private static func compareDoubles(_ left: Double, _ right: Double) -> Int {
        if left.isNaN || right.isNaN { return left.isNaN ? (right.isNaN ? 0 : 1) : -1 }
        return order(left, right)
    }

    private static func compareUTF8(_ left: String, _ right: String) -> Int {
        var leftIterator = left.utf8.makeIterator()
        var rightIterator = right.utf8.makeIterator()
        while true {
            switch (leftIterator.next(), rightIterator.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let first?, let second?) where first != second: return first < second ? -1 : 1
            default: continue
            }
        }
    }

    private static func compareSequences(_ left: [SQLValue], _ right: [SQLValue]) -> Int {
        for (first, second) in zip(left, right) {
            let result = compare(first, second)
            if result != 0 { return result }
        }
        return order(left.count, right.count)
    }

    private var kindRank: Int {
        switch self {
        case .null: 0
        case .boolean: 1
        case .integer, .double, .decimal: 2
        case .string: 3
        case .timestamp: 4
        case .date: 5
        case .time: 6
        case .dayTimeInterval: 7
        case .yearMonthInterval: 8
        case .row: 9
        case .array: 10
        case .map: 11
        }
    }
}
