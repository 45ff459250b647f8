import Foundation
import SQL

/// Builds syntax trees by hand, as the parser would, and evaluates them.
enum Build {
    static let here = SourceLocation(line: 1, column: 8, offset: 7)

    static func integer(_ value: Int) -> SQLExpression { SQLExpression(.literal(.integer(String(value))), at: here) }
    static func decimal(_ text: String) -> SQLExpression { SQLExpression(.literal(.decimal(text)), at: here) }
    static func double(_ text: String) -> SQLExpression { SQLExpression(.literal(.double(text)), at: here) }
    static func string(_ text: String) -> SQLExpression { SQLExpression(.literal(.string(text)), at: here) }
    static func boolean(_ value: Bool) -> SQLExpression { SQLExpression(.literal(.boolean(value)), at: here) }
    static let null = SQLExpression(.literal(.null), at: here)
    static func timestamp(_ text: String) -> SQLExpression {
        SQLExpression(.literal(.typed(.timestamp(precision: 3), text)), at: here)
    }
    static func interval(_ text: String, _ unit: TimeUnit, to end: TimeUnit? = nil) -> SQLExpression {
        SQLExpression(.literal(.interval(text, unit, to: end)), at: here)
    }
    static func column(_ name: String, qualifier: String? = nil) -> SQLExpression {
        SQLExpression(
            .column(qualifier: qualifier.map { Identifier($0, at: here) }, name: Identifier(name, at: here)),
            at: here
        )
    }
    static func binary(_ operation: BinaryOperator, _ left: SQLExpression, _ right: SQLExpression) -> SQLExpression {
        SQLExpression(.binary(operation, left, right), at: here)
    }
    static func not(_ operand: SQLExpression) -> SQLExpression { SQLExpression(.unary(.not, operand), at: here) }
    static func call(_ name: String, _ arguments: SQLExpression...) -> SQLExpression {
        SQLExpression(.function(FunctionCall(name: Identifier(name, at: here), arguments: arguments)), at: here)
    }
    static func unit(_ unit: TimeUnit) -> SQLExpression { SQLExpression(.timeUnit(unit), at: here) }
    static func cast(_ operand: SQLExpression, _ type: SQLType, isTry: Bool = false) -> SQLExpression {
        SQLExpression(.cast(operand, type, isTry: isTry), at: here)
    }
    static func castNull(_ type: SQLType) -> SQLExpression { cast(null, type) }
}

/// A scope of typical columns and a row of values for them.
enum Sample {
    static let device = SQLType(
        .row(fields: [.init(name: "os", type: .string), .init(name: "version", type: .integer)])
    )
    static let scope = RowScope(columns: [
        .init(qualifier: "g", name: "game_id", type: SQLType.string),
        .init(qualifier: "g", name: "score", type: SQLType.integer),
        .init(qualifier: "g", name: "price", type: SQLType(.decimal(precision: 10, scale: 2))),
        .init(qualifier: "g", name: "ts", type: SQLType(.timestamp(precision: 3))),
        .init(qualifier: "g", name: "device", type: device),
        .init(qualifier: "m", name: "game_id", type: SQLType.string),
        .init(qualifier: "g", name: "tags", type: SQLType(.array(element: .string))),
    ])
    static let row: SQLRow = [
        .string("g1"), .integer(42), .decimal(Decimal(string: "12.50")!), .timestamp(1_704_164_645_123),
        .row([.string("ios"), .integer(17)]), .string("m1"), .array([.string("a"), .string("b")]),
    ]
}

extension ExpressionCompiler {
    /// Compiles against the sample scope and evaluates on the sample row.
    static func value(_ expression: SQLExpression) throws -> SQLValue {
        try ExpressionCompiler(scope: Sample.scope).compile(expression).evaluate(Sample.row)
    }

    static func type(_ expression: SQLExpression) throws -> SQLType {
        try ExpressionCompiler(scope: Sample.scope).compile(expression).type
    }

    /// The CAST-to-STRING text of the value, for comparing with Flink's printed results.
    static func text(_ expression: SQLExpression) throws -> String? {
        let compiled = try ExpressionCompiler(scope: Sample.scope).compile(expression)
        return try compiled.evaluate(Sample.row).text(as: compiled.type)
    }

    static func error(_ expression: SQLExpression) -> SQLError? {
        do throws(SQLError) {
            _ = try ExpressionCompiler(scope: Sample.scope).compile(expression).evaluate(Sample.row)
            return nil
        } catch {
            return error
        }
    }
}
