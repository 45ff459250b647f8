/// One of Flink's built-in aggregate functions, typed by its argument: COUNT(*), COUNT(x),
/// COUNT(DISTINCT x), SUM, AVG, MIN and MAX, with or without DISTINCT.
///
/// Result types are Flink's (checked in PyFlink 2.3, see AggregateFunctionTests): COUNT is
/// `BIGINT NOT NULL`; SUM keeps the integer or floating type and widens DECIMAL(p, s) to
/// DECIMAL(38, s); AVG keeps the integer type (integer division), gives DECIMAL(38, max(s, 6)) for
/// decimals and DOUBLE for DOUBLE; MIN and MAX give the argument's type. All but COUNT are nullable:
/// NULL for a group without a non-null value.
public struct AggregateFunction: Sendable, Hashable {
    /// Which function.
    public enum Kind: String, Sendable, Hashable, Codable {
        case count = "COUNT"
        case sum = "SUM"
        case average = "AVG"
        case minimum = "MIN"
        case maximum = "MAX"
    }

    public let kind: Kind
    /// The argument's type; nil for COUNT(*).
    public let argumentType: SQLType?
    public let isDistinct: Bool
    /// The type of the function's result.
    public let resultType: SQLType

    /// The function `kind` over an argument of `argumentType` (nil: COUNT(*)); refuses arguments the
    /// function does not take, as Flink's validator does.
    ///
    /// `isGrouped`: the aggregate is computed per GROUP BY key or window, so no group is empty and,
    /// as in Flink, the result of a NOT NULL argument is NOT NULL (a global aggregate's is nullable).
    public init(
        _ kind: Kind,
        argumentType: SQLType?,
        isDistinct: Bool = false,
        isGrouped: Bool = false
    )
        throws(SQLError)
    {
        self.kind = kind
        self.argumentType = argumentType
        self.isDistinct = isDistinct
        let type = try Self.resultType(of: kind, argumentType: argumentType)
        resultType = isGrouped && argumentType?.isNullable == false ? type.notNull : type
    }

    private static func resultType(of kind: Kind, argumentType: SQLType?) throws(SQLError) -> SQLType {
        guard let argumentType else {
            guard kind == .count else { throw .validation("\(kind.rawValue)(*) is not a function; only COUNT(*) is") }
            return SQLType.bigInt.notNull
        }
        switch kind {
        case .count:
            return SQLType.bigInt.notNull
        case .sum, .average:
            guard argumentType.isNumeric else {
                throw .validation("\(kind.rawValue) takes a number, not \(argumentType.kind)")
            }
            switch argumentType.kind {
            case .decimal(_, let scale):
                return SQLType(.decimal(precision: 38, scale: kind == .sum ? scale : max(scale, 6)))
            default: return argumentType.nullable
            }
        case .minimum, .maximum:
            switch argumentType.kind {
            case .row, .array, .map, .null:
                throw .validation("\(kind.rawValue) cannot order values of type \(argumentType.kind)")
            default:
                return argumentType.nullable
            }
        }
    }

    /// Whether the accumulator keeps every distinct value with its count.
    private var keepsValueCounts: Bool { isDistinct || kind == .minimum || kind == .maximum }

    /// The accumulator of an empty group.
    public var initialAccumulator: AggregateAccumulator {
        AggregateAccumulator(valueCounts: keepsValueCounts ? [:] : nil)
    }

    /// Folds in one row's argument (ignored for COUNT(*)).
    public func accumulate(_ accumulator: inout AggregateAccumulator, _ argument: SQLValue) {
        change(&accumulator, argument, sign: 1)
    }

    /// Takes out one row's argument that was folded in before.
    public func retract(_ accumulator: inout AggregateAccumulator, _ argument: SQLValue) {
        change(&accumulator, argument, sign: -1)
    }

    private func change(_ accumulator: inout AggregateAccumulator, _ argument: SQLValue, sign: Int64) {
        guard argumentType != nil else {
            accumulator.count += sign
            return
        }
        if argument.isNull { return }
        if keepsValueCounts {
            let (added, removed) = accumulator.changeMultiplicity(of: argument, by: sign)
            // Without DISTINCT only the multiset matters (MIN, MAX); with it, count and sum follow
            // the distinct values only.
            guard !isDistinct || added || removed else { return }
        }
        accumulator.count += sign
        if kind == .sum || kind == .average {
            accumulator.sum =
                sign > 0
                ? AggregateArithmetic.add(accumulator.sum, argument)
                : AggregateArithmetic.subtract(accumulator.sum, argument)
        }
    }

    /// The two accumulators of one group as one (session windows merge this way).
    public func merge(_ first: AggregateAccumulator, _ second: AggregateAccumulator) -> AggregateAccumulator {
        guard keepsValueCounts else {
            return AggregateAccumulator(
                count: first.count + second.count,
                sum: AggregateArithmetic.add(first.sum, second.sum)
            )
        }
        var merged = first
        for (value, count) in second.valueCounts ?? [:] {
            let (added, _) = merged.changeMultiplicity(of: value, by: count)
            guard isDistinct else {
                merged.count += count
                continue
            }
            guard added else { continue }
            merged.count += 1
            if kind == .sum || kind == .average { merged.sum = AggregateArithmetic.add(merged.sum, value) }
        }
        return merged
    }

    /// The function's value for the group.
    public func result(_ accumulator: AggregateAccumulator) -> SQLValue {
        switch kind {
        case .count:
            return .integer(accumulator.count)
        case .sum:
            return accumulator.count > 0 ? narrowed(accumulator.sum) : .null
        case .average:
            return narrowed(
                AggregateArithmetic.average(sum: accumulator.sum, count: accumulator.count, resultType: resultType)
            )
        case .minimum:
            return accumulator.minimum ?? .null
        case .maximum:
            return accumulator.maximum ?? .null
        }
    }

    /// An integer result wrapped to the width of its type, as Java's int arithmetic in Flink wraps.
    private func narrowed(_ value: SQLValue) -> SQLValue {
        guard case .integer(let integer) = value else { return value }
        switch resultType.kind {
        case .tinyInt: return .integer(Int64(Int8(truncatingIfNeeded: integer)))
        case .smallInt: return .integer(Int64(Int16(truncatingIfNeeded: integer)))
        case .integer: return .integer(Int64(Int32(truncatingIfNeeded: integer)))
        default: return value
        }
    }
}
