/// A scalar expression checked and typed against a `RowScope`, ready to evaluate on its rows.
public struct CompiledExpression: Sendable {
    /// The evaluation: the value for one row of the scope; throws `.execution` errors (a division
    /// by zero, an invalid CAST).
    public typealias Evaluator = @Sendable (SQLRow) throws(SQLError) -> SQLValue

    public let type: SQLType
    public let evaluate: Evaluator
    /// Whether the value is the same for every row (no column and nothing nondeterministic).
    public let isConstant: Bool

    public init(type: SQLType, isConstant: Bool, evaluate: @escaping Evaluator) {
        self.type = type
        self.isConstant = isConstant
        self.evaluate = evaluate
    }

    /// A literal value.
    public static func constant(_ value: SQLValue, type: SQLType) -> CompiledExpression {
        CompiledExpression(type: type, isConstant: true) { _ throws(SQLError) in value }
    }

    /// The value when the expression is constant and evaluates without error.
    public var constantValue: SQLValue? {
        guard isConstant else { return nil }
        return try? evaluate([])
    }
}
