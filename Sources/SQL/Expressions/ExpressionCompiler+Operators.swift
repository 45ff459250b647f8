import Foundation

/// Literals, arithmetic, comparison and logic.
extension ExpressionCompiler {
    static func compileLiteral(
        _ literal: SQLLiteral,
        at location: SourceLocation
    ) throws(SQLError)
        -> CompiledExpression
    {
        switch literal {
        case .null:
            return .constant(.null, type: SQLType(.null))
        case .boolean(let value):
            return .constant(.boolean(value), type: SQLType.boolean.notNull)
        case .integer(let digits):
            if let value = Int32(digits) { return .constant(.integer(Int64(value)), type: SQLType.integer.notNull) }
            if let value = Int64(digits) { return .constant(.integer(value), type: SQLType.bigInt.notNull) }
            guard digits.count <= TypeMerging.maximumPrecision, let value = Decimal(string: digits) else {
                throw .validation("Numeric literal '\(digits)' out of range", at: location)
            }
            return .constant(
                .decimal(value),
                type: SQLType(.decimal(precision: digits.count, scale: 0), isNullable: false)
            )
        case .decimal(let text):
            guard let value = DecimalMath.parse(Substring(text)) else {
                throw .validation("Invalid decimal literal '\(text)'", at: location)
            }
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let scale = parts.count > 1 ? parts[1].count : 0
            let integerDigits = String(parts[0].drop { $0 == "0" || $0 == "-" || $0 == "+" }).count
            // A fraction's leading zero counts: 0.908 is DECIMAL(4, 3), as in Flink.
            let precision = max(1, integerDigits + scale, scale + 1)
            guard precision <= TypeMerging.maximumPrecision else {
                throw .validation("Numeric literal '\(text)' out of range", at: location)
            }
            return .constant(
                .decimal(value),
                type: SQLType(.decimal(precision: precision, scale: scale), isNullable: false)
            )
        case .double(let text):
            guard let value = Double(text) else { throw .validation("Invalid number '\(text)'", at: location) }
            return .constant(.double(value), type: SQLType.double.notNull)
        case .string(let text):
            return .constant(.string(text), type: SQLType(.char(length: max(1, text.count)), isNullable: false))
        case .typed(let kind, let text):
            return try compileTypedLiteral(kind, text, at: location)
        case .interval(let text, let unit, let end):
            return try IntervalLiteral.compile(text, unit: unit, to: end, at: location)
        }
    }

    private static func compileTypedLiteral(
        _ kind: SQLType.Kind,
        _ text: String,
        at location: SourceLocation
    )
        throws(SQLError) -> CompiledExpression
    {
        switch kind {
        case .timestamp, .timestampWithLocalTimeZone:
            guard let milliseconds = TimestampText.parse(text) else {
                throw .validation("Illegal TIMESTAMP literal '\(text)'", at: location)
            }
            // The literal's precision is its fraction's digits, as Calcite types it.
            let fraction = text.split(separator: ".").dropFirst().first?.count ?? 0
            let precision = min(fraction, 9)
            let literalKind: SQLType.Kind =
                if case .timestamp = kind { .timestamp(precision: precision) } else {
                    .timestampWithLocalTimeZone(precision: precision)
                }
            return .constant(.timestamp(milliseconds), type: SQLType(literalKind, isNullable: false))
        case .date:
            guard let milliseconds = TimestampText.parse(text), milliseconds % CivilTime.millisecondsPerDay == 0 else {
                throw .validation("Illegal DATE literal '\(text)'", at: location)
            }
            return .constant(
                .date(Int32(milliseconds / CivilTime.millisecondsPerDay)),
                type: SQLType(.date, isNullable: false)
            )
        default:
            throw .unsupported("\(kind) literals", at: location)
        }
    }

    func compileUnary(
        _ operation: UnaryOperator,
        _ operand: SQLExpression,
        at location: SourceLocation
    )
        throws(SQLError) -> CompiledExpression
    {
        let compiled = try compile(operand)
        let evaluate = compiled.evaluate
        switch operation {
        case .not:
            guard compiled.type.kind == .boolean || compiled.type.kind == .null else {
                throw .validation("Cannot apply 'NOT' to arguments of type '\(compiled.type.kind)'", at: location)
            }
            return CompiledExpression(type: compiled.type, isConstant: compiled.isConstant) { row throws(SQLError) in
                guard case .boolean(let value) = try evaluate(row) else { return .null }
                return .boolean(!value)
            }
        case .plus, .negate:
            switch compiled.type.kind {
            case .dayTimeInterval, .yearMonthInterval: break
            default:
                guard compiled.type.isNumeric || compiled.type.kind == .null else {
                    throw .validation(
                        "Cannot apply '\(operation.rawValue)' to arguments of type '\(compiled.type.kind)'",
                        at: location
                    )
                }
            }
            if operation == .plus { return compiled }
            let kind = compiled.type.kind
            return CompiledExpression(type: compiled.type, isConstant: compiled.isConstant) { row throws(SQLError) in
                switch try evaluate(row) {
                case .integer(let value): .integer(SQLValue.wrapped(0 &- value, to: kind))
                case .double(let value): .double(-value)
                case .decimal(let value): .decimal(-value)
                case .dayTimeInterval(let value): .dayTimeInterval(-value)
                case .yearMonthInterval(let value): .yearMonthInterval(-value)
                default: .null
                }
            }
        }
    }

    func compileBinary(
        _ operation: BinaryOperator,
        _ leftExpression: SQLExpression,
        _ rightExpression: SQLExpression,
        at location: SourceLocation
    ) throws(SQLError) -> CompiledExpression {
        let left = try compile(leftExpression)
        let right = try compile(rightExpression)
        let isConstant = left.isConstant && right.isConstant
        let evaluateLeft = left.evaluate
        let evaluateRight = right.evaluate
        let mismatch = SQLError.validation(
            "Cannot apply '\(operation.rawValue)' to arguments of type '\(left.type.kind)' and '\(right.type.kind)'",
            at: location
        )
        switch operation {
        case .add, .subtract, .multiply, .divide, .modulo:
            if let temporal = try compileTemporalArithmetic(operation, left, right, at: location) { return temporal }
            guard let type = TypeMerging.arithmetic(operation, left.type, right.type) else { throw mismatch }
            return CompiledExpression(type: type, isConstant: isConstant) { row throws(SQLError) in
                let first = try evaluateLeft(row)
                guard !first.isNull else { return .null }
                do throws(SQLError) {
                    return try SQLValue.arithmetic(operation, first, try evaluateRight(row), as: type)
                } catch {
                    throw SQLError(error.kind, error.message, at: error.location ?? location)
                }
            }
        case .concatenate:
            guard left.type.isCharacterString || left.type.kind == .null,
                right.type.isCharacterString || right.type.kind == .null
            else { throw mismatch }
            let type = SQLType(
                .varchar(length: SQLType.maximumLength),
                isNullable: left.type.isNullable || right.type.isNullable
            )
            return CompiledExpression(type: type, isConstant: isConstant) { row throws(SQLError) in
                guard case .string(let first) = try evaluateLeft(row), case .string(let second) = try evaluateRight(row)
                else { return .null }
                return .string(first + second)
            }
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard TypeMerging.areComparable(left.type, right.type) else { throw mismatch }
            let test = Self.comparisonTest(operation)
            let type = SQLType(.boolean, isNullable: left.type.isNullable || right.type.isNullable)
            return CompiledExpression(type: type, isConstant: isConstant) { row throws(SQLError) in
                let first = try evaluateLeft(row)
                guard !first.isNull else { return .null }
                let second = try evaluateRight(row)
                guard !second.isNull else { return .null }
                return .boolean(test(SQLValue.compare(first, second)))
            }
        case .isDistinctFrom:
            guard TypeMerging.areComparable(left.type, right.type) else { throw mismatch }
            return CompiledExpression(type: SQLType.boolean.notNull, isConstant: isConstant) { row throws(SQLError) in
                .boolean(SQLValue.compare(try evaluateLeft(row), try evaluateRight(row)) != 0)
            }
        case .and, .or:
            for operand in [left, right] where operand.type.kind != .boolean && operand.type.kind != .null {
                throw mismatch
            }
            let type = SQLType(.boolean, isNullable: left.type.isNullable || right.type.isNullable)
            // The value that decides the result alone: FALSE for AND, TRUE for OR.
            let decisive = operation == .or
            return CompiledExpression(type: type, isConstant: isConstant) { row throws(SQLError) in
                let first = try evaluateLeft(row)
                if case .boolean(let value) = first, value == decisive { return first }
                let second = try evaluateRight(row)
                if case .boolean(let value) = second, value == decisive { return second }
                if first.isNull || second.isNull { return .null }
                return .boolean(!decisive)
            }
        }
    }

    /// What a comparison result (-1, 0, 1) means for each comparison operator.
    static func comparisonTest(_ operation: BinaryOperator) -> @Sendable (Int) -> Bool {
        switch operation {
        case .equal: { $0 == 0 }
        case .notEqual: { $0 != 0 }
        case .less: { $0 < 0 }
        case .lessOrEqual: { $0 <= 0 }
        case .greater: { $0 > 0 }
        default: { $0 >= 0 }
        }
    }

    /// timestamp ± interval and interval ± interval; nil when neither operand is temporal.
    private func compileTemporalArithmetic(
        _ operation: BinaryOperator,
        _ left: CompiledExpression,
        _ right: CompiledExpression,
        at location: SourceLocation
    ) throws(SQLError) -> CompiledExpression? {
        let isInterval: (SQLType) -> Bool = { $0.kind == .dayTimeInterval || $0.kind == .yearMonthInterval }
        guard left.type.isTimestamp || right.type.isTimestamp || isInterval(left.type) || isInterval(right.type) else {
            return nil
        }
        let nullable = left.type.isNullable || right.type.isNullable
        let isConstant = left.isConstant && right.isConstant
        let evaluateLeft = left.evaluate
        let evaluateRight = right.evaluate
        let mismatch = SQLError.validation(
            "Cannot apply '\(operation.rawValue)' to arguments of type '\(left.type.kind)' and '\(right.type.kind)'",
            at: location
        )
        let sign: Int64 = operation == .subtract ? -1 : 1
        if left.type.isTimestamp && isInterval(right.type) && (operation == .add || operation == .subtract)
            || right.type.isTimestamp && isInterval(left.type) && operation == .add
        {
            let timestamp = left.type.isTimestamp ? left : right
            let evaluateTimestamp = timestamp.evaluate
            let evaluateInterval = left.type.isTimestamp ? evaluateRight : evaluateLeft
            return CompiledExpression(type: SQLType(timestamp.type.kind, isNullable: nullable), isConstant: isConstant)
            {
                row throws(SQLError) in
                guard case .timestamp(let milliseconds) = try evaluateTimestamp(row) else { return .null }
                switch try evaluateInterval(row) {
                case .dayTimeInterval(let duration): return .timestamp(milliseconds + sign * duration)
                case .yearMonthInterval(let months):
                    return .timestamp(CivilTime.adding(months: sign * Int64(months), to: milliseconds))
                default: return .null
                }
            }
        }
        if left.type.kind == right.type.kind, isInterval(left.type), operation == .add || operation == .subtract {
            return CompiledExpression(type: SQLType(left.type.kind, isNullable: nullable), isConstant: isConstant) {
                row throws(SQLError) in
                switch (try evaluateLeft(row), try evaluateRight(row)) {
                case (.dayTimeInterval(let first), .dayTimeInterval(let second)):
                    .dayTimeInterval(first + sign * second)
                case (.yearMonthInterval(let first), .yearMonthInterval(let second)):
                    .yearMonthInterval(first + Int32(sign) * second)
                default: .null
                }
            }
        }
        throw mismatch
    }

    func compileIsTest(
        _ operand: SQLExpression,
        _ test: IsTest,
        negated: Bool,
        at location: SourceLocation
    )
        throws(SQLError) -> CompiledExpression
    {
        let compiled = try compile(operand)
        let evaluate = compiled.evaluate
        if test != .null, compiled.type.kind != .boolean, compiled.type.kind != .null {
            throw .validation(
                "Cannot apply 'IS \(test.rawValue)' to arguments of type '\(compiled.type.kind)'",
                at: location
            )
        }
        return CompiledExpression(type: SQLType.boolean.notNull, isConstant: compiled.isConstant) {
            row throws(SQLError) in
            let value = try evaluate(row)
            let result: Bool
            switch test {
            case .null, .unknown: result = value.isNull
            case .true: result = value == .boolean(true)
            case .false: result = value == .boolean(false)
            }
            return .boolean(result != negated)
        }
    }

    func compileBetween(
        _ operand: SQLExpression,
        low: SQLExpression,
        high: SQLExpression,
        negated: Bool,
        at location: SourceLocation
    ) throws(SQLError) -> CompiledExpression {
        // x BETWEEN a AND b is a <= x AND x <= b, with its three-valued logic.
        let lower = SQLExpression(.binary(.lessOrEqual, low, operand), at: location)
        let upper = SQLExpression(.binary(.lessOrEqual, operand, high), at: location)
        let both = SQLExpression(.binary(.and, lower, upper), at: location)
        return try compile(negated ? SQLExpression(.unary(.not, both), at: location) : both)
    }

    func compileIn(
        _ operand: SQLExpression,
        _ list: [SQLExpression],
        negated: Bool,
        at location: SourceLocation
    )
        throws(SQLError) -> CompiledExpression
    {
        let value = try compile(operand)
        var items: [CompiledExpression] = []
        for element in list {
            let item = try compile(element)
            guard TypeMerging.areComparable(value.type, item.type) else {
                throw .validation(
                    "Values in expression list must have compatible types: '\(value.type.kind)' and '\(item.type.kind)'",
                    at: element.location
                )
            }
            items.append(item)
        }
        let evaluateValue = value.evaluate
        let nullable = value.type.isNullable || items.contains { $0.type.isNullable }
        let isConstant = value.isConstant && items.allSatisfy(\.isConstant)
        if items.allSatisfy(\.isConstant) {
            // A constant list: a sorted array searched by binary search.
            let constants = items.map { (try? $0.evaluate([])) ?? .null }
            let listHasNull = constants.contains { $0.isNull }
            let sorted = constants.filter { !$0.isNull }.sorted(by: SQLValue.sortsBefore)
            return CompiledExpression(type: SQLType(.boolean, isNullable: nullable), isConstant: isConstant) {
                row throws(SQLError) in
                let candidate = try evaluateValue(row)
                guard !candidate.isNull else { return .null }
                var low = 0
                var high = sorted.count
                while low < high {
                    let middle = (low + high) / 2
                    if SQLValue.compare(sorted[middle], candidate) < 0 { low = middle + 1 } else { high = middle }
                }
                if low < sorted.count, SQLValue.compare(sorted[low], candidate) == 0 { return .boolean(!negated) }
                return listHasNull ? .null : .boolean(negated)
            }
        }
        let evaluators = items.map(\.evaluate)
        return CompiledExpression(type: SQLType(.boolean, isNullable: nullable), isConstant: isConstant) {
            row throws(SQLError) in
            let candidate = try evaluateValue(row)
            guard !candidate.isNull else { return .null }
            var sawNull = false
            for evaluate in evaluators {
                let item = try evaluate(row)
                if item.isNull {
                    sawNull = true
                } else if SQLValue.compare(item, candidate) == 0 {
                    return .boolean(!negated)
                }
            }
            return sawNull ? .null : .boolean(negated)
        }
    }

    func compileCase(
        operand: SQLExpression?,
        branches: [CaseBranch],
        otherwise: SQLExpression?,
        at location: SourceLocation
    ) throws(SQLError) -> CompiledExpression {
        var conditions: [CompiledExpression] = []
        for branch in branches {
            if let operand {
                // CASE x WHEN v is CASE WHEN x = v.
                let test = SQLExpression(.binary(.equal, operand, branch.condition), at: branch.condition.location)
                conditions.append(try compile(test))
            } else {
                let condition = try compile(branch.condition)
                guard condition.type.kind == .boolean || condition.type.kind == .null else {
                    throw .validation(
                        "Expected a boolean condition in WHEN, found type '\(condition.type.kind)'",
                        at: branch.condition.location
                    )
                }
                conditions.append(condition)
            }
        }
        var results: [CompiledExpression] = []
        for branch in branches { results.append(try compile(branch.result)) }
        let fallback = try otherwise.map { expression throws(SQLError) in try compile(expression) }
        var resultTypes = results.map(\.type)
        resultTypes.append(fallback?.type ?? SQLType(.null))
        guard var type = TypeMerging.commonType(resultTypes) else {
            let names = resultTypes.map { "'\($0.kind)'" }.joined(separator: ", ")
            throw .validation("Illegal mixing of types in CASE or COALESCE statement: \(names)", at: location)
        }
        if fallback == nil { type = type.nullable }
        let resultType = type
        let conditionEvaluators = conditions.map(\.evaluate)
        let resultEvaluators = results.map { coerced($0, to: resultType).evaluate }
        let fallbackEvaluator = fallback.map { coerced($0, to: resultType).evaluate }
        let isConstant =
            conditions.allSatisfy(\.isConstant) && results.allSatisfy(\.isConstant) && (fallback?.isConstant ?? true)
        return CompiledExpression(type: type, isConstant: isConstant) { row throws(SQLError) in
            for (condition, result) in zip(conditionEvaluators, resultEvaluators) {
                if case .boolean(true) = try condition(row) { return try result(row) }
            }
            return try fallbackEvaluator?(row) ?? .null
        }
    }
}
