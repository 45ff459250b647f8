extension SQLExpression {
    /// The expressions joined by AND at the top of this one (itself when it is no AND).
    var conjuncts: [SQLExpression] {
        if case .binary(.and, let left, let right) = kind { return left.conjuncts + right.conjuncts }
        return [self]
    }

    /// `conjuncts` joined by AND again; nil for none.
    static func conjunction(_ conjuncts: [SQLExpression]) -> SQLExpression? {
        guard var result = conjuncts.first else { return nil }
        for next in conjuncts.dropFirst() { result = SQLExpression(.binary(.and, result, next), at: result.location) }
        return result
    }

    /// The call, when this is an aggregate function call (not a window function with OVER).
    var aggregateCall: FunctionCall? {
        guard case .function(let call) = kind, call.over == nil, ExpressionCompiler.isAggregateFunction(call.name.value)
        else { return nil }
        return call
    }

    /// Whether an aggregate call is in this expression.
    var containsAggregate: Bool { contains { $0.aggregateCall != nil } }

    /// Whether a window function call (`... OVER (...)`) is in this expression.
    var containsOver: Bool {
        contains { if case .function(let call) = $0.kind { call.over != nil } else { false } }
    }

    /// The same expression with every location erased and every column reference replaced by the
    /// position it resolves to in `scope`: equal for two spellings of the same expression
    /// (`game_id` and `m.game_id`), so GROUP BY keys can be found again in SELECT.
    func canonical(in scope: RowScope) -> SQLExpression {
        let erased = try? transformed { expression throws(SQLError) -> SQLExpression? in
            switch expression.kind {
            case .column(let qualifier, let name):
                if let index = try? scope.resolve(qualifier: qualifier, name: name) {
                    return SQLExpression(.column(qualifier: nil, name: Identifier("#\(index)")), at: .start)
                }
                return SQLExpression(.column(qualifier: qualifier, name: name), at: .start)
            default:
                return nil
            }
        }
        return (erased ?? self).withoutLocations
    }

    /// The name Flink gives an unaliased SELECT item: the column's or field's name, else nil
    /// (then `EXPR$n`).
    var derivedName: String? {
        switch kind {
        case .column(_, let name): name.value
        case .fieldAccess(_, let field): field.value
        default: nil
        }
    }
}
