import Foundation

/// Arithmetic on numeric values for a result type derived by `TypeMerging.arithmetic`, as Flink's
/// generated code does it: integers wrap around at their type's width (Java's `int` and `long`),
/// DECIMAL rounds HALF_UP to the result scale and is NULL when it overflows the precision, an
/// integer or DECIMAL division by zero is an error and a DOUBLE or FLOAT one follows IEEE.
extension SQLValue {
    /// The value as a 64-bit integer: integers as they are, DOUBLE and DECIMAL truncated toward
    /// zero (saturating, as Java's `(long)` cast).
    public var integerValue: Int64? {
        switch self {
        case .integer(let value): value
        case .double(let value):
            value.isNaN ? 0 : Int64(exactly: value.rounded(.towardZero)) ?? (value < 0 ? .min : .max)
        case .decimal(let value): DecimalMath.int64(value)
        case .boolean(let value): value ? 1 : 0
        default: nil
        }
    }

    /// The value as a double.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .double(let value): value
        case .decimal(let value): DecimalMath.double(value)
        default: nil
        }
    }

    /// The value as an exact decimal (a double through its shortest text, as `BigDecimal.valueOf`).
    public var decimalValue: Decimal? {
        switch self {
        case .integer(let value): Decimal(value)
        case .double(let value): DecimalMath.decimal(value)
        case .decimal(let value): value
        default: nil
        }
    }

    /// `left + right` as `type`.
    public static func add(_ left: SQLValue, _ right: SQLValue, as type: SQLType) throws(SQLError) -> SQLValue {
        try arithmetic(.add, left, right, as: type)
    }

    /// `left - right` as `type`.
    public static func subtract(_ left: SQLValue, _ right: SQLValue, as type: SQLType) throws(SQLError) -> SQLValue {
        try arithmetic(.subtract, left, right, as: type)
    }

    /// `left op right` for + - * / % as `type`; NULL when either is NULL.
    public static func arithmetic(
        _ operation: BinaryOperator,
        _ left: SQLValue,
        _ right: SQLValue,
        as type: SQLType
    ) throws(SQLError) -> SQLValue {
        if left.isNull || right.isNull { return .null }
        switch type.kind {
        case .tinyInt, .smallInt, .integer, .bigInt:
            guard let first = left.integerValue, let second = right.integerValue else { return .null }
            let result: Int64
            switch operation {
            case .add: result = first &+ second
            case .subtract: result = first &- second
            case .multiply: result = first &* second
            case .divide:
                guard second != 0 else { throw divisionByZero }
                result = first.dividedReportingOverflow(by: second).partialValue
            default:
                guard second != 0 else { throw divisionByZero }
                result = first.remainderReportingOverflow(dividingBy: second).partialValue
            }
            return .integer(wrapped(result, to: type.kind))
        case .float, .double:
            guard let first = left.doubleValue, let second = right.doubleValue else { return .null }
            let result: Double
            switch operation {
            case .add: result = first + second
            case .subtract: result = first - second
            case .multiply: result = first * second
            // IEEE division, as Java's: `x / 0` is an infinity or NaN, not an error.
            case .divide: result = first / second
            default:
                guard second != 0 else { throw divisionByZero }
                result = first.truncatingRemainder(dividingBy: second)
            }
            return .double(type.kind == .float ? Double(Float(result)) : result)
        case .decimal(let precision, let scale):
            guard let first = left.decimalValue, let second = right.decimalValue else { return .null }
            let result: Decimal
            switch operation {
            case .add: result = first + second
            case .subtract: result = first - second
            case .multiply: result = first * second
            case .divide:
                guard second != 0 else { throw divisionByZero }
                result = first / second
            default:
                guard second != 0 else { throw divisionByZero }
                result = first - second * DecimalMath.truncated(first / second, scale: 0)
            }
            return DecimalMath.fitted(result, precision: precision, scale: scale).map { .decimal($0) } ?? .null
        default:
            return .null
        }
    }

    /// `value` wrapped to the width of an integer kind, as Java's narrowing casts do.
    public static func wrapped(_ value: Int64, to kind: SQLType.Kind) -> Int64 {
        switch kind {
        case .tinyInt: Int64(Int8(truncatingIfNeeded: value))
        case .smallInt: Int64(Int16(truncatingIfNeeded: value))
        case .integer: Int64(Int32(truncatingIfNeeded: value))
        default: value
        }
    }

    private static var divisionByZero: SQLError { SQLError(.execution, "Division by zero") }
}
