/// Result types of operators and common types of branches, as Flink's `LogicalTypeMerging` and
/// Calcite derive them.
public enum TypeMerging {
    /// The largest precision of a DECIMAL.
    public static let maximumPrecision = 38

    /// The DECIMAL that holds every value of an exact numeric type: INT is DECIMAL(10, 0).
    public static func decimalDigits(of kind: SQLType.Kind) -> (precision: Int, scale: Int)? {
        switch kind {
        case .tinyInt: (3, 0)
        case .smallInt: (5, 0)
        case .integer: (10, 0)
        case .bigInt: (19, 0)
        case .decimal(let precision, let scale): (precision, scale)
        default: nil
        }
    }

    /// Rank of the numeric kinds for widening: the larger holds the smaller.
    private static func numericRank(_ kind: SQLType.Kind) -> Int {
        switch kind {
        case .tinyInt: 1
        case .smallInt: 2
        case .integer: 3
        case .bigInt: 4
        case .decimal: 5
        case .float: 6
        case .double: 7
        default: 0
        }
    }

    /// Flink's `adjustPrecisionScale`: keep the integer digits and at least 6 of scale when the
    /// precision exceeds 38.
    static func adjusted(precision: Int, scale: Int) -> SQLType.Kind {
        guard precision > maximumPrecision else { return .decimal(precision: precision, scale: scale) }
        let integerDigits = precision - scale
        let scale = max(maximumPrecision - integerDigits, min(scale, 6))
        return .decimal(precision: maximumPrecision, scale: scale)
    }

    /// The type of `left op right` for + - * / % over numeric types, or nil when an operand is not
    /// numeric.
    public static func arithmetic(_ operation: BinaryOperator, _ left: SQLType, _ right: SQLType) -> SQLType? {
        guard left.isNumeric || left.kind == .null, right.isNumeric || right.kind == .null else { return nil }
        let nullable = left.isNullable || right.isNullable
        let leftKind = left.kind == .null ? right.kind : left.kind
        let rightKind = right.kind == .null ? left.kind : right.kind
        if leftKind == .null { return SQLType(.integer, isNullable: true) }
        let kind: SQLType.Kind
        if leftKind == .double || rightKind == .double || leftKind == .float || rightKind == .float {
            kind = leftKind == .float && rightKind == .float ? .float : .double
        } else if case .decimal = leftKind, let digits1 = decimalDigits(of: leftKind),
            let digits2 = decimalDigits(of: rightKind)
        {
            kind = decimalArithmetic(operation, digits1, digits2)
        } else if case .decimal = rightKind, let digits1 = decimalDigits(of: leftKind),
            let digits2 = decimalDigits(of: rightKind)
        {
            kind = decimalArithmetic(operation, digits1, digits2)
        } else if operation == .modulo {
            // MOD takes the type of the divisor, as Flink.
            kind = rightKind
        } else {
            kind = numericRank(leftKind) >= numericRank(rightKind) ? leftKind : rightKind
        }
        return SQLType(kind, isNullable: nullable)
    }

    private static func decimalArithmetic(
        _ operation: BinaryOperator,
        _ left: (precision: Int, scale: Int),
        _ right: (precision: Int, scale: Int)
    ) -> SQLType.Kind {
        switch operation {
        case .add, .subtract:
            let scale = max(left.scale, right.scale)
            let precision = max(left.precision - left.scale, right.precision - right.scale) + scale + 1
            return adjusted(precision: precision, scale: scale)
        case .multiply:
            return adjusted(precision: left.precision + right.precision + 1, scale: left.scale + right.scale)
        case .divide:
            let scale = max(6, left.scale + right.precision + 1)
            let precision = left.precision - left.scale + right.scale + scale
            return adjusted(precision: precision, scale: scale)
        default:
            let scale = max(left.scale, right.scale)
            let precision = min(left.precision - left.scale, right.precision - right.scale) + scale
            return adjusted(precision: precision, scale: scale)
        }
    }

    /// The type every one of `types` converts to: the result of CASE, COALESCE, IN and
    /// comparisons; nil when there is none (a string with a number).
    public static func commonType(_ types: [SQLType]) -> SQLType? {
        let nullable = types.contains { $0.isNullable }
        let kinds = types.map(\.kind).filter { $0 != .null }
        guard var result = kinds.first else { return SQLType(.null) }
        for kind in kinds.dropFirst() {
            guard let merged = commonKind(result, kind) else { return nil }
            result = merged
        }
        return SQLType(result, isNullable: nullable)
    }

    private static func commonKind(_ left: SQLType.Kind, _ right: SQLType.Kind) -> SQLType.Kind? {
        if left == right { return left }
        switch (left, right) {
        // CHARs of different lengths meet as a VARCHAR, not a padded CHAR (Flink: a CASE of
        // 'bulk' and 'single' is VARCHAR(6)).
        case (.char(let first), .char(let second)),
            (.char(let first), .varchar(let second)), (.varchar(let first), .char(let second)),
            (.varchar(let first), .varchar(let second)):
            return .varchar(length: max(first, second))
        case (.timestamp(let first), .timestamp(let second)):
            return .timestamp(precision: max(first, second))
        case (.timestampWithLocalTimeZone(let first), .timestampWithLocalTimeZone(let second)):
            return .timestampWithLocalTimeZone(precision: max(first, second))
        case (.timestamp(let first), .timestampWithLocalTimeZone(let second)),
            (.timestampWithLocalTimeZone(let first), .timestamp(let second)):
            return .timestampWithLocalTimeZone(precision: max(first, second))
        case (.array(let first), .array(let second)):
            return commonType([first, second]).map { .array(element: $0) }
        default: break
        }
        let leftRank = numericRank(left)
        let rightRank = numericRank(right)
        guard leftRank > 0, rightRank > 0 else { return nil }
        if leftRank >= 6 || rightRank >= 6 { return leftRank >= rightRank ? left : right }
        if leftRank == 5 || rightRank == 5, let first = decimalDigits(of: left), let second = decimalDigits(of: right) {
            let scale = max(first.scale, second.scale)
            let integerDigits = max(first.precision - first.scale, second.precision - second.scale)
            return .decimal(precision: min(maximumPrecision, integerDigits + scale), scale: scale)
        }
        return leftRank >= rightRank ? left : right
    }

    /// Whether values of the two types can be compared with = < and friends.
    public static func areComparable(_ left: SQLType, _ right: SQLType) -> Bool {
        if left.kind == .null || right.kind == .null { return true }
        if left.isNumeric && right.isNumeric { return true }
        if left.isCharacterString && right.isCharacterString { return true }
        if left.isTimestamp && right.isTimestamp { return true }
        return commonType([left, right]) != nil
    }
}
