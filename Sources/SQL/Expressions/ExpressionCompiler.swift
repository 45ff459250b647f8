import Foundation

/// Type-checks scalar expressions against a `RowScope` and turns them into closures over rows, with
/// Flink SQL's types, three-valued logic and functions.
///
/// Aggregates and window functions are not scalar: the planner replaces them by columns before it
/// compiles what remains, so here they are refused.
public struct ExpressionCompiler: Sendable {
    public let scope: RowScope

    public init(scope: RowScope) {
        self.scope = scope
    }

    /// The names of the aggregate functions the planner computes (any case).
    private static let aggregateFunctions: Set<String> = [
        "COUNT", "SUM", "SUM0", "AVG", "MIN", "MAX", "STDDEV_POP", "STDDEV_SAMP", "VAR_POP", "VAR_SAMP",
        "COLLECT", "LISTAGG", "FIRST_VALUE", "LAST_VALUE", "ROW_NUMBER", "RANK", "DENSE_RANK", "LAG", "LEAD",
        "ARRAY_AGG", "JSON_OBJECTAGG", "JSON_ARRAYAGG",
    ]

    /// Whether `name` is an aggregate or ranking function, which the planner must handle.
    public static func isAggregateFunction(_ name: String) -> Bool {
        aggregateFunctions.contains(name.uppercased())
    }

    /// The typed, evaluable form of `expression`, or the validation error that Flink would give.
    public func compile(_ expression: SQLExpression) throws(SQLError) -> CompiledExpression {
        let compiled = try compileUnfolded(expression)
        return Self.folded(compiled)
    }

    /// `expression` that must be BOOLEAN, as WHERE, HAVING and join conditions: a validation error
    /// otherwise.
    public func compileCondition(
        _ expression: SQLExpression,
        clause: String = "WHERE"
    ) throws(SQLError)
        -> CompiledExpression
    {
        let compiled = try compile(expression)
        guard compiled.type.kind == .boolean || compiled.type.kind == .null else {
            throw .validation(
                "\(clause) clause must be a condition, not an expression of type '\(compiled.type.kind)'",
                at: expression.location
            )
        }
        return compiled
    }

    /// A constant expression evaluated once, when it evaluates without error (an error is left
    /// for run time, where it belongs to a row).
    static func folded(_ compiled: CompiledExpression) -> CompiledExpression {
        guard compiled.isConstant, let value = try? compiled.evaluate([]) else { return compiled }
        return .constant(value, type: compiled.type)
    }

    func compileUnfolded(_ expression: SQLExpression) throws(SQLError) -> CompiledExpression {
        let location = expression.location
        switch expression.kind {
        case .literal(let literal):
            return try Self.compileLiteral(literal, at: location)
        case .column(let qualifier, let name):
            if let qualifier, !scope.hasQualifier(qualifier.value),
                (try? scope.resolve(qualifier: nil, name: qualifier)) != nil
            {
                // `device.os` where `device` is a ROW column, not a table.
                let base = SQLExpression(.column(qualifier: nil, name: qualifier), at: location)
                return try compileFieldAccess(base, field: name, at: location)
            }
            let index = try scope.resolve(qualifier: qualifier, name: name)
            return CompiledExpression(type: scope.columns[index].type, isConstant: false) { row throws(SQLError) in
                row[index]
            }
        case .fieldAccess(let base, let field):
            return try compileFieldAccess(base, field: field, at: location)
        case .star:
            throw .validation("'*' is only allowed in COUNT(*) and the SELECT list", at: location)
        case .unary(let operation, let operand):
            return try compileUnary(operation, operand, at: location)
        case .binary(let operation, let left, let right):
            return try compileBinary(operation, left, right, at: location)
        case .isTest(let operand, let test, let negated):
            return try compileIsTest(operand, test, negated: negated, at: location)
        case .between(let operand, let low, let high, let negated):
            return try compileBetween(operand, low: low, high: high, negated: negated, at: location)
        case .inList(let operand, let list, let negated):
            return try compileIn(operand, list, negated: negated, at: location)
        case .like(let operand, let pattern, let escape, let negated):
            return try compileLike(operand, pattern: pattern, escape: escape, negated: negated, at: location)
        case .caseWhen(let operand, let branches, let otherwise):
            return try compileCase(operand: operand, branches: branches, otherwise: otherwise, at: location)
        case .cast(let operand, let target, let isTry):
            return try compileCast(try compile(operand), to: target, isTry: isTry, at: location)
        case .function(let call):
            return try compileFunction(call, at: location)
        case .timeUnit(let unit):
            throw .validation("Time unit \(unit.rawValue) is only allowed as a function's argument", at: location)
        }
    }

    private func compileFieldAccess(
        _ base: SQLExpression,
        field: Identifier,
        at location: SourceLocation
    ) throws(SQLError) -> CompiledExpression {
        let row = try compile(base)
        guard case .row(let fields) = row.type.kind else {
            throw .validation("Cannot access field '\(field.value)' of a value of type '\(row.type)'", at: location)
        }
        guard let index = fields.firstIndex(where: { $0.name == field.value }) else {
            let names = fields.map(\.name).joined(separator: ", ")
            throw .validation("Field '\(field.value)' not found in ROW (fields: \(names))", at: field.location)
        }
        let type = fields[index].type
        let evaluate = row.evaluate
        return CompiledExpression(
            type: row.type.isNullable ? type.nullable : type,
            isConstant: row.isConstant
        ) { input throws(SQLError) in
            guard case .row(let values) = try evaluate(input), index < values.count else { return .null }
            return values[index]
        }
    }

    /// A CAST of a compiled operand; TRY_CAST gives NULL where CAST fails.
    func compileCast(
        _ operand: CompiledExpression,
        to target: SQLType,
        isTry: Bool,
        at location: SourceLocation
    ) throws(SQLError) -> CompiledExpression {
        guard let conversion = ValueCast.conversion(from: operand.type, to: target) else {
            throw .validation("Cannot cast '\(operand.type)' to '\(target)'", at: location)
        }
        let evaluate = operand.evaluate
        let type =
            isTry || operand.type.isNullable || ValueCast.canGiveNull(from: operand.type, to: target)
            ? target.nullable : target.notNull
        if operand.type.nullable == target.nullable {
            // A value of the type already (INSERT INTO casts every column to its sink's type): no
            // conversion and no extra closure per row.
            return CompiledExpression(type: type, isConstant: operand.isConstant, evaluate: evaluate)
        }
        if isTry {
            return CompiledExpression(type: type, isConstant: operand.isConstant) { row throws(SQLError) in
                let value = try evaluate(row)
                guard !value.isNull else { return .null }
                do { return try conversion(value) } catch { return .null }
            }
        }
        return CompiledExpression(type: type, isConstant: operand.isConstant) { row throws(SQLError) in
            let value = try evaluate(row)
            guard !value.isNull else { return .null }
            do throws(SQLError) { return try conversion(value) } catch {
                throw SQLError(.execution, error.message, at: location)
            }
        }
    }

    /// `operand` converted to `type` when it is of another numeric kind (for arithmetic and
    /// comparisons across kinds), unchanged otherwise.
    func coerced(_ operand: CompiledExpression, to type: SQLType) -> CompiledExpression {
        guard operand.type.kind != type.kind, operand.type.kind != .null,
            let conversion = ValueCast.conversion(from: operand.type, to: type.nullable)
        else { return operand }
        let evaluate = operand.evaluate
        return CompiledExpression(
            type: SQLType(type.kind, isNullable: operand.type.isNullable),
            isConstant: operand.isConstant
        ) { row throws(SQLError) in
            let value = try evaluate(row)
            return value.isNull ? .null : try conversion(value)
        }
    }
}
