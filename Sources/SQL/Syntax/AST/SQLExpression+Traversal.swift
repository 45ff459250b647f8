extension SQLExpression {
    /// The expressions directly inside this one, in the order they are written.
    public var children: [SQLExpression] {
        switch kind {
        case .literal, .column, .star, .timeUnit: []
        case .fieldAccess(let base, _): [base]
        case .unary(_, let operand): [operand]
        case .binary(_, let left, let right): [left, right]
        case .isTest(let operand, _, _): [operand]
        case .between(let operand, let low, let high, _): [operand, low, high]
        case .inList(let operand, let list, _): [operand] + list
        case .like(let operand, let pattern, let escape, _): [operand, pattern] + (escape.map { [$0] } ?? [])
        case .caseWhen(let operand, let branches, let otherwise):
            (operand.map { [$0] } ?? []) + branches.flatMap { [$0.condition, $0.result] }
                + (otherwise.map { [$0] } ?? [])
        case .cast(let operand, _, _): [operand]
        case .function(let call):
            call.arguments + (call.over.map { $0.partitionBy + $0.orderBy.map(\.expression) } ?? [])
        }
    }

    /// This expression with subexpressions replaced: `transform` sees each node before its
    /// children; a node it returns replaces the whole subtree, nil goes on into the children.
    public func transformed(
        _ transform: (SQLExpression) throws(SQLError) -> SQLExpression?
    ) throws(SQLError)
        -> SQLExpression
    {
        if let replaced = try transform(self) { return replaced }
        func map(_ expression: SQLExpression) throws(SQLError) -> SQLExpression {
            try expression.transformed(transform)
        }
        func mapAll(_ expressions: [SQLExpression]) throws(SQLError) -> [SQLExpression] {
            var mapped: [SQLExpression] = []
            for expression in expressions { mapped.append(try map(expression)) }
            return mapped
        }
        let newKind: Kind
        switch kind {
        case .literal, .column, .star, .timeUnit: return self
        case .fieldAccess(let base, let field): newKind = .fieldAccess(try map(base), field: field)
        case .unary(let op, let operand): newKind = .unary(op, try map(operand))
        case .binary(let op, let left, let right): newKind = .binary(op, try map(left), try map(right))
        case .isTest(let operand, let test, let negated): newKind = .isTest(try map(operand), test, negated: negated)
        case .between(let operand, let low, let high, let negated):
            newKind = .between(try map(operand), low: try map(low), high: try map(high), negated: negated)
        case .inList(let operand, let list, let negated):
            newKind = .inList(try map(operand), try mapAll(list), negated: negated)
        case .like(let operand, let pattern, let escape, let negated):
            // Children in the order `children` lists them, which `replacingChildren` relies on.
            let mappedOperand = try map(operand)
            let mappedPattern = try map(pattern)
            var mappedEscape: SQLExpression?
            if let escape { mappedEscape = try map(escape) }
            newKind = .like(mappedOperand, pattern: mappedPattern, escape: mappedEscape, negated: negated)
        case .caseWhen(let operand, let branches, let otherwise):
            var mappedOperand: SQLExpression?
            if let operand { mappedOperand = try map(operand) }
            var mappedBranches: [CaseBranch] = []
            for branch in branches {
                mappedBranches.append(CaseBranch(condition: try map(branch.condition), result: try map(branch.result)))
            }
            var mappedOtherwise: SQLExpression?
            if let otherwise { mappedOtherwise = try map(otherwise) }
            newKind = .caseWhen(operand: mappedOperand, branches: mappedBranches, otherwise: mappedOtherwise)
        case .cast(let operand, let type, let isTry): newKind = .cast(try map(operand), type, isTry: isTry)
        case .function(var call):
            call.arguments = try mapAll(call.arguments)
            if var over = call.over {
                over.partitionBy = try mapAll(over.partitionBy)
                var orderBy: [OrderItem] = []
                for item in over.orderBy {
                    orderBy.append(
                        OrderItem(
                            expression: try map(item.expression),
                            isDescending: item.isDescending,
                            nullsFirst: item.nullsFirst
                        )
                    )
                }
                over.orderBy = orderBy
                call.over = over
            }
            newKind = .function(call)
        }
        return SQLExpression(newKind, at: location)
    }

    /// Whether `predicate` holds for this expression or any expression inside it.
    public func contains(where predicate: (SQLExpression) -> Bool) -> Bool {
        predicate(self) || children.contains { $0.contains(where: predicate) }
    }

    /// The first expression, this one or inside it, for which `predicate` holds (depth first).
    public func first(where predicate: (SQLExpression) -> Bool) -> SQLExpression? {
        if predicate(self) { return self }
        for child in children {
            if let found = child.first(where: predicate) { return found }
        }
        return nil
    }

    /// The same expression with every node's location erased: equal to another spelling of the
    /// same expression wherever it was written.
    public var withoutLocations: SQLExpression {
        var copy = (try? replacingChildren(children.map(\.withoutLocations))) ?? self
        copy.location = .start
        return copy
    }

    /// This expression with its children replaced, in the order `children` lists them.
    public func replacingChildren(_ replacements: [SQLExpression]) throws(SQLError) -> SQLExpression {
        var remaining = replacements[...]
        var isSelf = true
        return try transformed { expression throws(SQLError) -> SQLExpression? in
            if isSelf {
                isSelf = false
                return nil
            }
            return remaining.popFirst() ?? expression
        }
    }

}
