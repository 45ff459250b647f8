/// Turns a query's syntax tree into a logical plan over the catalog's tables and views, checking
/// every name and type on the way (Calcite's validator and SQL-to-relational step in one pass).
///
/// Views are expanded in place, as Flink's are: a query over a view reads the view's tables.
public struct QueryPlanner {
    public let catalog: SQLCatalog
    /// The most windows a HOP or CUMULATE window puts one row in (size / slide, size / step):
    /// each row is kept once per window it is in.
    public let maximumWindowsPerRow: Int

    public init(catalog: SQLCatalog, maximumWindowsPerRow: Int = 1_000) {
        self.catalog = catalog
        self.maximumWindowsPerRow = maximumWindowsPerRow
    }

    /// The plan of `query`, or the error Flink would give for it.
    public func plan(_ query: SQLQuery) throws(SQLError) -> PlanNode {
        let node = try planQuery(query)
        if node.first(where: { if case .rank(let rank) = $0.operation { rank.limit == nil } else { false } }) != nil {
            throw .unsupported(
                "ROW_NUMBER() OVER without a filter on the row number; Kibitz runs it as Top-N:"
                    + " SELECT * FROM (SELECT ..., ROW_NUMBER() OVER (...) AS row_num FROM t) WHERE row_num <= N",
                at: query.location
            )
        }
        return node
    }

    func planQuery(_ query: SQLQuery) throws(SQLError) -> PlanNode {
        var node: PlanNode
        switch query.body {
        case .select(let select): node = try planSelect(select)
        case .nested(let inner): node = try planQuery(inner)
        case .values(let rows): node = try planValues(rows, at: query.location)
        case .setOperation(let setOperator, let isAll, let left, let right):
            node = try planSetOperation(setOperator, isAll: isAll, left, right, at: query.location)
        }
        if let limit = query.limit {
            node = try planLimit(node, orderBy: query.orderBy, limit: limit)
        } else if let first = query.orderBy.first {
            try checkTimeOrder(first, in: node)
        }
        return node
    }

    /// Compiles `expression` over `columns`.
    func compile(_ expression: SQLExpression, over columns: [PlanColumn]) throws(SQLError) -> CompiledExpression {
        try ExpressionCompiler(scope: columns.scope).compile(expression)
    }

    /// A constant day-time interval in milliseconds, for window sizes and join bounds.
    func intervalMilliseconds(_ expression: SQLExpression, what: String) throws(SQLError) -> Int64 {
        let compiled = try compile(expression, over: [])
        guard case .dayTimeInterval(let milliseconds)? = compiled.constantValue else {
            throw .validation(
                "\(what) must be a constant day-time INTERVAL such as INTERVAL '1' MINUTE",
                at: expression.location
            )
        }
        return milliseconds
    }

    // MARK: VALUES, set operations, ORDER BY and LIMIT

    func planValues(_ rows: [[SQLExpression]], at location: SourceLocation) throws(SQLError) -> PlanNode {
        guard let width = rows.first?.count, rows.allSatisfy({ $0.count == width }) else {
            throw .validation("Every row of VALUES must have the same number of values", at: location)
        }
        var values: [SQLRow] = []
        var types: [[SQLType]] = Array(repeating: [], count: width)
        for row in rows {
            var rowValues: SQLRow = []
            for (index, expression) in row.enumerated() {
                let compiled = try compile(expression, over: [])
                guard let value = compiled.constantValue else {
                    throw .validation("VALUES takes constant expressions", at: expression.location)
                }
                rowValues.append(value)
                types[index].append(compiled.type)
            }
            values.append(rowValues)
        }
        var columns: [PlanColumn] = []
        for (index, columnTypes) in types.enumerated() {
            guard let type = TypeMerging.commonType(columnTypes) else {
                throw .validation("The values of column \(index + 1) of VALUES have no common type", at: location)
            }
            columns.append(PlanColumn(name: "EXPR$\(index)", type: type))
        }
        return PlanNode(.values(values), inputs: [], columns: columns, isInsertOnly: true)
    }

    func planSetOperation(
        _ setOperator: SetOperator,
        isAll: Bool,
        _ left: SQLQuery,
        _ right: SQLQuery,
        at location: SourceLocation
    ) throws(SQLError) -> PlanNode {
        guard setOperator == .union else {
            throw .unsupported("\(setOperator.rawValue) of queries; UNION and UNION ALL are", at: location)
        }
        let leftNode = try planQuery(left)
        let rightNode = try planQuery(right)
        guard leftNode.columns.count == rightNode.columns.count else {
            throw .validation(
                "Column count mismatch in UNION: \(leftNode.columns.count) and \(rightNode.columns.count)",
                at: location
            )
        }
        var columns: [PlanColumn] = []
        for (leftColumn, rightColumn) in zip(leftNode.columns, rightNode.columns) {
            guard let type = TypeMerging.commonType([leftColumn.type, rightColumn.type]) else {
                throw .validation(
                    "Type mismatch in UNION: column '\(leftColumn.name)' is \(leftColumn.type) and \(rightColumn.type)",
                    at: location
                )
            }
            columns.append(PlanColumn(name: leftColumn.name, type: type))
        }
        let union = PlanNode(
            .union,
            inputs: [
                try converted(leftNode, to: columns, at: location), try converted(rightNode, to: columns, at: location),
            ],
            columns: columns,
            isInsertOnly: leftNode.isInsertOnly && rightNode.isInsertOnly
        )
        guard !isAll else { return union }
        return PlanNode(
            .aggregate(keyCount: columns.count, aggregates: []),
            inputs: [union],
            columns: columns,
            isInsertOnly: false
        )
    }

    /// `node`, its values cast to the types of `columns` where their kind differs (a UNION's input
    /// whose INT or BIGINT column meets a DECIMAL one), so that every row of the union holds values
    /// of the union's types.
    private func converted(
        _ node: PlanNode,
        to columns: [PlanColumn],
        at location: SourceLocation
    ) throws(SQLError)
        -> PlanNode
    {
        let differs = zip(node.columns, columns).map { $0.type.kind != $1.type.kind && $0.type.kind != .null }
        guard differs.contains(true) else { return node }
        let scope = RowScope(
            columns: node.columns.indices.map { RowScope.Column(name: "$\($0)", type: node.columns[$0].type) }
        )
        let compiler = ExpressionCompiler(scope: scope)
        var expressions: [CompiledExpression] = []
        var outputColumns: [PlanColumn] = []
        for (index, (column, target)) in zip(node.columns, columns).enumerated() {
            let reference = SQLExpression(.column(qualifier: nil, name: Identifier("$\(index)")), at: location)
            let expression =
                differs[index] ? SQLExpression(.cast(reference, target.type, isTry: false), at: location) : reference
            let compiled = try compiler.compile(expression)
            expressions.append(compiled)
            var outputColumn = column
            outputColumn.type = compiled.type
            outputColumns.append(outputColumn)
        }
        return PlanNode(
            .project(expressions, passthrough: differs.indices.map { differs[$0] ? nil : $0 }),
            inputs: [node],
            columns: outputColumns,
            isInsertOnly: node.isInsertOnly
        )
    }

    /// `ORDER BY ... LIMIT n` is a Top-N over the whole result, as in Flink.
    func planLimit(_ node: PlanNode, orderBy: [OrderItem], limit: SQLExpression) throws(SQLError) -> PlanNode {
        guard case .integer(let count)? = try compile(limit, over: []).constantValue, count >= 0 else {
            throw .validation("LIMIT takes a non-negative integer", at: limit.location)
        }
        var sortKeys: [RankSpecification.SortKey] = []
        for item in orderBy {
            let column = try outputColumn(of: item.expression, in: node)
            sortKeys.append(
                RankSpecification.SortKey(
                    column: column,
                    isDescending: item.isDescending,
                    nullsFirst: item.nullsFirst ?? !item.isDescending
                )
            )
        }
        let rank = RankSpecification(partitionKeys: [], sortKeys: sortKeys, limit: Int(count), outputsRowNumber: false)
        return PlanNode(.rank(rank), inputs: [node], columns: node.columns, isInsertOnly: false)
    }

    /// ORDER BY without LIMIT: Flink sorts a stream only by its time attribute, ascending.
    func checkTimeOrder(_ item: OrderItem, in node: PlanNode) throws(SQLError) {
        let column = try outputColumn(of: item.expression, in: node)
        guard node.columns[column].isRowtime, !item.isDescending else {
            throw .unsupported(
                "Sort on a non-time-attribute field; ORDER BY needs a LIMIT (a Top-N) or the time attribute ascending",
                at: item.expression.location
            )
        }
    }

    /// The output column an ORDER BY item names: an output column's name or a 1-based position.
    func outputColumn(of expression: SQLExpression, in node: PlanNode) throws(SQLError) -> Int {
        switch expression.kind {
        case .column(_, let name):
            if let index = node.columns.firstIndex(where: { $0.name == name.value }) { return index }
            throw .validation("Column '\(name.value)' not found in the query's result", at: name.location)
        case .literal(.integer(let digits)):
            if let position = Int(digits), position >= 1, position <= node.columns.count { return position - 1 }
            throw .validation("Ordinal out of range: \(digits)", at: expression.location)
        default:
            throw .unsupported("ORDER BY an expression; order by an output column", at: expression.location)
        }
    }
}

extension PlanNode {
    /// The first node, this one or below it, for which `predicate` holds.
    func first(where predicate: (PlanNode) -> Bool) -> PlanNode? {
        if predicate(self) { return self }
        for input in inputs {
            if let found = input.first(where: predicate) { return found }
        }
        return nil
    }
}
