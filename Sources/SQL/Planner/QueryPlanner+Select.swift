/// One item of a SELECT list after `*` is expanded: its expression and its output name.
struct SelectedItem {
    var expression: SQLExpression
    var name: String
}

extension QueryPlanner {
    func planSelect(_ select: SelectQuery) throws(SQLError) -> PlanNode {
        var select = select
        // `FROM a, b WHERE ...` is `FROM a JOIN b ON ...`: for an inner join the two say the same,
        // and the join needs the conditions (its equality, an interval join's time bounds).
        if case .join(let left, .cross, let right, nil)? = select.from, let condition = select.whereClause {
            select.from = .join(left, .inner, right, on: condition)
            select.whereClause = nil
        }
        var node =
            try select.from.map { reference throws(SQLError) in try planFrom(reference) }
            ?? PlanNode(.values([[]]), inputs: [], columns: [], isInsertOnly: true)
        var topN: (column: Int, limit: Int)?
        if let condition = select.whereClause {
            if let aggregate = condition.first(where: { $0.aggregateCall != nil }) {
                throw .validation("Aggregate functions are not allowed in WHERE", at: aggregate.location)
            }
            var conjuncts = condition.conjuncts
            topN = try takeRowNumberFilter(&conjuncts, over: node)
            if let remaining = SQLExpression.conjunction(conjuncts) {
                let compiled = try ExpressionCompiler(scope: node.columns.scope).compileCondition(remaining)
                node = PlanNode(
                    .filter(compiled),
                    inputs: [node],
                    columns: node.columns,
                    isInsertOnly: node.isInsertOnly
                )
            }
        }
        let items = try expand(select.items, over: node.columns)
        if let topN {
            let scope = node.columns.scope
            let isSelected = items.contains { item in
                item.expression.contains { columnIndex($0, in: scope) == topN.column }
            }
            node = try node.settingRankLimit(topN.limit, outputsRowNumber: isSelected, column: topN.column)
        }
        let hasAggregates =
            items.contains { $0.expression.containsAggregate } || select.having?.containsAggregate == true
        if !select.groupBy.isEmpty || hasAggregates {
            node = try planAggregation(select, items: items, over: node)
        } else {
            if let having = select.having {
                throw .validation("HAVING needs a GROUP BY or an aggregate", at: having.location)
            }
            var rankedItems = items
            node = try planRowNumber(&rankedItems, over: node)
            node = try project(rankedItems, over: node)
        }
        if select.isDistinct {
            node = PlanNode(
                .aggregate(keyCount: node.columns.count, aggregates: []),
                inputs: [node],
                columns: node.columns.map { PlanColumn(name: $0.name, type: $0.type) },
                isInsertOnly: false
            )
        }
        return node
    }

    /// The SELECT list with `*` and `t.*` expanded and every item named as Flink names it: its
    /// alias, a column's name, else `EXPR$n` by position; duplicates get `0`, `1`... appended.
    func expand(_ items: [SelectItem], over columns: [PlanColumn]) throws(SQLError) -> [SelectedItem] {
        var expanded: [SelectedItem] = []
        for item in items {
            switch item {
            case .expression(let expression, let alias):
                let name = alias?.value ?? expression.derivedName ?? "EXPR$\(expanded.count)"
                expanded.append(SelectedItem(expression: expression, name: name))
            case .wildcard(let qualifier, let location):
                let matching = columns.filter { qualifier == nil || $0.qualifier == qualifier?.value }
                if let qualifier, matching.isEmpty {
                    throw .validation("Table '\(qualifier.value)' not found", at: qualifier.location)
                }
                for column in matching {
                    let reference = SQLExpression(
                        .column(
                            qualifier: column.qualifier.map { Identifier($0, at: location) },
                            name: Identifier(column.name, at: location)
                        ),
                        at: location
                    )
                    expanded.append(SelectedItem(expression: reference, name: column.name))
                }
            }
        }
        var used: Set<String> = []
        for index in expanded.indices {
            let base = expanded[index].name
            var name = base
            var suffix = 0
            while used.contains(name) {
                name = base + String(suffix)
                suffix += 1
            }
            used.insert(name)
            expanded[index].name = name
        }
        return expanded
    }

    /// A projection of `items` over `node`.
    func project(_ items: [SelectedItem], over node: PlanNode) throws(SQLError) -> PlanNode {
        let scope = node.columns.scope
        let compiler = ExpressionCompiler(scope: scope)
        var expressions: [CompiledExpression] = []
        var passthrough: [Int?] = []
        var columns: [PlanColumn] = []
        for item in items {
            if let over = item.expression.first(where: {
                if case .function(let call) = $0.kind { call.over != nil } else { false }
            }) {
                throw .unsupported("OVER windows other than ROW_NUMBER() for Top-N", at: over.location)
            }
            let compiled = try compiler.compile(item.expression)
            let source = columnIndex(item.expression, in: scope)
            expressions.append(compiled)
            passthrough.append(source)
            columns.append(
                PlanColumn(
                    name: item.name,
                    type: compiled.type,
                    isRowtime: source.map { node.columns[$0].isRowtime } ?? false
                )
            )
        }
        return PlanNode(
            .project(expressions, passthrough: passthrough),
            inputs: [node],
            columns: columns,
            isInsertOnly: node.isInsertOnly
        )
    }

    // MARK: Top-N

    /// Ranks the rows when the SELECT list holds `ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...)`:
    /// the item then reads the row number column; the enclosing query's filter sets N.
    func planRowNumber(_ items: inout [SelectedItem], over node: PlanNode) throws(SQLError) -> PlanNode {
        guard
            let position = items.firstIndex(where: {
                if case .function(let call) = $0.expression.kind { call.over != nil } else { false }
            }),
            case .function(let call) = items[position].expression.kind, let over = call.over
        else { return node }
        guard call.name.value.uppercased() == "ROW_NUMBER", call.arguments.isEmpty else {
            throw .unsupported(
                "\(call.name.value)() OVER (...); Top-N takes ROW_NUMBER()",
                at: items[position].expression.location
            )
        }
        guard items.indices.filter({ items[$0].expression.containsOver }).count == 1 else {
            throw .unsupported("more than one ROW_NUMBER() in a SELECT", at: items[position].expression.location)
        }
        let scope = node.columns.scope
        var partitionKeys: [Int] = []
        for expression in over.partitionBy {
            guard let column = columnIndex(expression, in: scope) else {
                throw .unsupported(
                    "PARTITION BY an expression; compute it in a subquery first",
                    at: expression.location
                )
            }
            partitionKeys.append(column)
        }
        var sortKeys: [RankSpecification.SortKey] = []
        for item in over.orderBy {
            guard let column = columnIndex(item.expression, in: scope) else {
                throw .unsupported(
                    "ORDER BY an expression in OVER; compute it in a subquery first",
                    at: item.expression.location
                )
            }
            sortKeys.append(
                RankSpecification.SortKey(
                    column: column,
                    isDescending: item.isDescending,
                    nullsFirst: item.nullsFirst ?? !item.isDescending
                )
            )
        }
        guard !sortKeys.isEmpty else {
            throw .validation("ROW_NUMBER() OVER (...) needs an ORDER BY", at: items[position].expression.location)
        }
        let windowEnd = windowEndColumn(among: partitionKeys, in: node)
        let rank = RankSpecification(
            partitionKeys: partitionKeys,
            sortKeys: sortKeys,
            limit: nil,
            outputsRowNumber: true,
            windowEnd: windowEnd
        )
        let rowNumber = PlanColumn(name: "$row_number", type: SQLType.bigInt.notNull)
        let ranked = PlanNode(
            .rank(rank),
            inputs: [node],
            columns: node.columns + [rowNumber],
            isInsertOnly: windowEnd != nil && node.isInsertOnly
        )
        let location = items[position].expression.location
        items[position].expression = SQLExpression(
            .column(qualifier: nil, name: Identifier("$row_number", at: location)),
            at: location
        )
        return ranked
    }

    /// window_end among the partition keys, when window_start and window_end of one window both are:
    /// a Top-N per window, whose rows are final when the window closes.
    func windowEndColumn(among keys: [Int], in node: PlanNode) -> Int? {
        let origins = keys.map { ($0, node.origin(of: $0)) }
        for (key, origin) in origins {
            guard let window = origin.node.windowColumns, origin.column == window.end else { continue }
            if origins.contains(where: { $0.1.node === origin.node && $0.1.column == window.start }) { return key }
        }
        return nil
    }

    /// Finds `row_number <= N` (or `< N`, `= 1`, `BETWEEN 1 AND N`) on a pending row number column
    /// among `conjuncts`, takes it out and returns the column and N.
    func takeRowNumberFilter(
        _ conjuncts: inout [SQLExpression],
        over node: PlanNode
    ) throws(SQLError) -> (column: Int, limit: Int)? {
        let scope = node.columns.scope
        for (index, conjunct) in conjuncts.enumerated() {
            var column: Int?
            var limit: Int?
            func integer(_ expression: SQLExpression) -> Int? {
                if case .literal(.integer(let digits)) = expression.kind { return Int(digits) }
                return nil
            }
            switch conjunct.kind {
            case .binary(.lessOrEqual, let left, let right):
                (column, limit) = (columnIndex(left, in: scope), integer(right))
            case .binary(.less, let left, let right):
                (column, limit) = (columnIndex(left, in: scope), integer(right).map { $0 - 1 })
            case .binary(.greaterOrEqual, let left, let right):
                (column, limit) = (columnIndex(right, in: scope), integer(left))
            case .binary(.greater, let left, let right):
                (column, limit) = (columnIndex(right, in: scope), integer(left).map { $0 - 1 })
            case .binary(.equal, let left, let right) where integer(right) == 1:
                (column, limit) = (columnIndex(left, in: scope), 1)
            case .between(let operand, let low, let high, false) where integer(low) == 1:
                (column, limit) = (columnIndex(operand, in: scope), integer(high))
            default:
                continue
            }
            guard let column, let limit else { continue }
            let origin = node.origin(of: column)
            guard case .rank(let rank) = origin.node.operation, rank.limit == nil,
                origin.column == origin.node.input.columns.count
            else { continue }
            guard limit >= 1 else {
                throw .validation("The Top-N filter keeps no row: N must be at least 1", at: conjunct.location)
            }
            conjuncts.remove(at: index)
            return (column, limit)
        }
        return nil
    }
}

extension PlanNode {
    /// The node and column that `column` of this node copies unchanged, through projections,
    /// filters and rankings; itself when the column is made here.
    public func origin(of column: Int) -> (node: PlanNode, column: Int) {
        switch operation {
        case .project(_, let passthrough):
            if let source = passthrough[column] { return input.origin(of: source) }
        case .filter:
            return input.origin(of: column)
        case .rank:
            if column < input.columns.count { return input.origin(of: column) }
        default:
            break
        }
        return (self, column)
    }

    /// Where window_start and window_end are, for the nodes that make them.
    var windowColumns: (start: Int, end: Int)? {
        switch operation {
        case .windowAssignment: (columns.count - 3, columns.count - 2)
        case .windowAggregate(_, let keyCount, _): (keyCount, keyCount + 1)
        default: nil
        }
    }

    /// This plan with the pending ranking that `column` comes from given its N.
    func settingRankLimit(_ limit: Int, outputsRowNumber: Bool, column: Int) throws(SQLError) -> PlanNode {
        let target = origin(of: column).node
        return rebuilt { node in
            guard node === target, case .rank(var rank) = node.operation else { return nil }
            rank.limit = limit
            rank.outputsRowNumber = outputsRowNumber
            return PlanNode(.rank(rank), inputs: node.inputs, columns: node.columns, isInsertOnly: node.isInsertOnly)
        }
    }

    /// This plan with nodes replaced: `replacement` returns a node's replacement or nil; the nodes
    /// above a replaced one are made again over it.
    func rebuilt(_ replacement: (PlanNode) -> PlanNode?) -> PlanNode {
        if let replaced = replacement(self) { return replaced }
        let newInputs = inputs.map { $0.rebuilt(replacement) }
        guard zip(newInputs, inputs).contains(where: { $0 !== $1 }) else { return self }
        return PlanNode(operation, inputs: newInputs, columns: columns, isInsertOnly: isInsertOnly)
    }
}
