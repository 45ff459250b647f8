extension QueryPlanner {
    /// GROUP BY (or aggregates without it), HAVING and the SELECT list over the groups.
    ///
    /// The input is first projected to the group key followed by the aggregates' arguments; the
    /// aggregate then produces the key and the results, and the SELECT list and HAVING are compiled
    /// over that, with each group key and aggregate call replaced by its column (Calcite's way).
    /// Grouping by window_start and window_end of a window TVF makes a window aggregate: one
    /// final row per window and key when the watermark passes the window's end.
    func planAggregation(
        _ select: SelectQuery,
        items: [SelectedItem],
        over input: PlanNode
    ) throws(SQLError) -> PlanNode {
        for item in items {
            if let over = item.expression.first(where: {
                if case .function(let call) = $0.kind { call.over != nil } else { false }
            }) {
                throw .unsupported("OVER windows in a SELECT with GROUP BY or aggregates", at: over.location)
            }
        }
        let scope = input.columns.scope
        let grouping = try windowGrouping(select, over: input)
        let keys = grouping?.keys ?? select.groupBy
        for key in keys {
            if let aggregate = key.first(where: { $0.aggregateCall != nil }) {
                throw .validation("Aggregate functions are not allowed in GROUP BY", at: aggregate.location)
            }
        }

        // Each distinct aggregate call of the SELECT list and HAVING, in order of appearance.
        var calls: [(canonical: SQLExpression, call: FunctionCall, location: SourceLocation)] = []
        for expression in items.map(\.expression) + (select.having.map { [$0] } ?? []) {
            try collectAggregates(in: expression, scope: scope, into: &calls)
        }

        // The projection the aggregate reads: keys, then arguments, then (windows) the time column.
        let compiler = ExpressionCompiler(scope: scope)
        var preExpressions: [CompiledExpression] = []
        var prePassthrough: [Int?] = []
        var preColumns: [PlanColumn] = []
        for (index, key) in keys.enumerated() {
            let compiled = try compiler.compile(key)
            preExpressions.append(compiled)
            prePassthrough.append(columnIndex(key, in: scope))
            preColumns.append(PlanColumn(name: "$key\(index)", type: compiled.type))
        }
        var aggregates: [PlannedAggregate] = []
        for (_, call, location) in calls {
            var argument: Int?
            var argumentType: SQLType?
            let isStar = call.arguments.isEmpty || call.arguments.first?.kind == .star
            if !isStar {
                guard call.arguments.count == 1 else {
                    throw .unsupported("\(call.name.value) of more than one argument", at: location)
                }
                let compiled = try compiler.compile(call.arguments[0])
                argument = preExpressions.count
                argumentType = compiled.type
                preExpressions.append(compiled)
                prePassthrough.append(columnIndex(call.arguments[0], in: scope))
                preColumns.append(PlanColumn(name: "$argument\(aggregates.count)", type: compiled.type))
            } else if call.name.value.uppercased() != "COUNT" {
                throw .validation(
                    "\(call.name.value.uppercased())(*) is not a valid call; only COUNT takes *",
                    at: location
                )
            }
            let name = call.name.value.uppercased()
            guard let kind = AggregateFunction.Kind(rawValue: name) else {
                throw .unsupported(
                    "the aggregate function \(name); Kibitz has COUNT, SUM, AVG, MIN and MAX",
                    at: location
                )
            }
            let function: AggregateFunction
            do {
                function = try AggregateFunction(
                    kind,
                    argumentType: argumentType,
                    isDistinct: call.isDistinct,
                    isGrouped: !keys.isEmpty || grouping != nil
                )
            } catch {
                throw SQLError(error.kind, error.message, at: location)
            }
            aggregates.append(PlannedAggregate(function: function, argument: argument, text: describe(call)))
        }

        let aggregated: PlanNode
        var replacements: [SQLExpression: Int] = [:]
        for (index, key) in keys.enumerated() { replacements[key.canonical(in: scope)] = index }
        var postColumns = preColumns.prefix(keys.count).map { PlanColumn(name: $0.name, type: $0.type) }
        if let grouping {
            guard grouping.source.isInsertOnly else {
                throw .unsupported(
                    "a window aggregate over an updating input (such as a GROUP BY without windows):"
                        + " windows need rows that are only ever inserted",
                    at: select.location
                )
            }
            let time = preExpressions.count
            preExpressions.append(
                CompiledExpression(type: grouping.timeType, isConstant: false) { row throws(SQLError) in
                    row[grouping.window.timeColumn]
                }
            )
            prePassthrough.append(grouping.window.timeColumn)
            preColumns.append(PlanColumn(name: "$time", type: grouping.timeType, isRowtime: true))
            var window = grouping.window
            window.timeColumn = time
            if case .session(let gap, let partitionKeys) = window.kind {
                // Sessions are kept by the group key when it is the PARTITION BY; other PARTITION BY
                // columns follow the time column.
                let keyColumns = Array(prePassthrough.prefix(keys.count))
                var positions: [Int] = []
                if keyColumns == partitionKeys.map(Optional.init) {
                    positions = Array(keyColumns.indices)
                } else {
                    for column in partitionKeys {
                        positions.append(preExpressions.count)
                        let type = grouping.source.columns[column].type
                        preExpressions.append(
                            CompiledExpression(type: type, isConstant: false) { row throws(SQLError) in row[column] }
                        )
                        prePassthrough.append(column)
                        preColumns.append(PlanColumn(name: "$partition\(positions.count)", type: type))
                    }
                }
                window.kind = .session(gap: gap, partitionKeys: positions)
            }
            let pre = PlanNode(
                .project(preExpressions, passthrough: prePassthrough),
                inputs: [grouping.source],
                columns: preColumns,
                isInsertOnly: true
            )
            let boundary = SQLType(.timestamp(precision: 3), isNullable: false)
            replacements[Self.reference(grouping.startColumn)] = keys.count
            replacements[Self.reference(grouping.endColumn)] = keys.count + 1
            postColumns += [
                PlanColumn(name: "$window_start", type: boundary), PlanColumn(name: "$window_end", type: boundary),
            ]
            postColumns += aggregates.enumerated().map {
                PlanColumn(name: "$aggregate\($0.offset)", type: $0.element.resultType)
            }
            var node = PlanNode(
                .windowAggregate(window, keyCount: keys.count, aggregates: aggregates),
                inputs: [pre],
                columns: postColumns,
                isInsertOnly: true
            )
            if let timeColumn = grouping.timeColumn {
                // window_time, grouped on, is the window's last millisecond.
                let end = keys.count + 1
                let windowTime = CompiledExpression(type: grouping.timeType, isConstant: false) {
                    row throws(SQLError) in
                    guard case .timestamp(let milliseconds) = row[end] else { return .null }
                    return .timestamp(milliseconds - 1)
                }
                var expressions: [CompiledExpression] = []
                for index in postColumns.indices {
                    let type = postColumns[index].type
                    expressions.append(
                        CompiledExpression(type: type, isConstant: false) { row throws(SQLError) in row[index] }
                    )
                }
                replacements[Self.reference(timeColumn)] = postColumns.count
                postColumns.append(PlanColumn(name: "$window_time", type: grouping.timeType, isRowtime: true))
                node = PlanNode(
                    .project(expressions + [windowTime], passthrough: Array(postColumns.indices.dropLast()) + [nil]),
                    inputs: [node],
                    columns: postColumns,
                    isInsertOnly: true
                )
            }
            aggregated = node
        } else {
            let pre = PlanNode(
                .project(preExpressions, passthrough: prePassthrough),
                inputs: [input],
                columns: preColumns,
                isInsertOnly: input.isInsertOnly
            )
            postColumns += aggregates.enumerated().map {
                PlanColumn(name: "$aggregate\($0.offset)", type: $0.element.resultType)
            }
            aggregated = PlanNode(
                .aggregate(keyCount: keys.count, aggregates: aggregates),
                inputs: [pre],
                columns: postColumns,
                isInsertOnly: false
            )
        }
        let aggregateBase = postColumns.count - aggregates.count - (grouping?.timeColumn == nil ? 0 : 1)
        for (index, call) in calls.enumerated() { replacements[call.canonical] = aggregateBase + index }

        var node = aggregated
        if let having = select.having {
            let rewritten = try rewrite(having, replacements: replacements, scope: scope, postColumns: postColumns)
            let condition = try ExpressionCompiler(scope: postColumns.scope).compileCondition(
                rewritten,
                clause: "HAVING"
            )
            node = PlanNode(.filter(condition), inputs: [node], columns: node.columns, isInsertOnly: node.isInsertOnly)
        }
        var rewrittenItems: [SelectedItem] = []
        for item in items {
            let expression = try rewrite(
                item.expression,
                replacements: replacements,
                scope: scope,
                postColumns: postColumns
            )
            rewrittenItems.append(SelectedItem(expression: expression, name: item.name))
        }
        return try project(rewrittenItems, over: node)
    }

    /// The canonical form of a reference to input column `index` (see `SQLExpression.canonical`).
    static func reference(_ index: Int) -> SQLExpression {
        SQLExpression(.column(qualifier: nil, name: Identifier("#\(index)")), at: .start)
    }

    /// Replaces group keys and aggregate calls by the aggregate's columns; what is left of the
    /// input's columns is an error, as in Flink: "Expression 'x' is not being grouped".
    func rewrite(
        _ expression: SQLExpression,
        replacements: [SQLExpression: Int],
        scope: RowScope,
        postColumns: [PlanColumn]
    ) throws(SQLError) -> SQLExpression {
        let rewritten = try expression.transformed { part throws(SQLError) -> SQLExpression? in
            guard let index = replacements[part.canonical(in: scope)] else { return nil }
            return SQLExpression(
                .column(qualifier: nil, name: Identifier(postColumns[index].name, at: part.location)),
                at: part.location
            )
        }
        if let stray = rewritten.first(where: { part in
            if case .column(_, let name) = part.kind { return !name.value.hasPrefix("$") }
            return false
        }), case .column(let qualifier, let name) = stray.kind {
            // A column that does not exist is named as such, before it is found ungrouped.
            if qualifier.map({ scope.hasQualifier($0.value) }) ?? true {
                _ = try scope.resolve(qualifier: qualifier, name: name)
            }
            let written = qualifier.map { $0.value + "." + name.value } ?? name.value
            throw .validation("Expression '\(written)' is not being grouped", at: stray.location)
        }
        return rewritten
    }

    private func collectAggregates(
        in expression: SQLExpression,
        scope: RowScope,
        into calls: inout [(canonical: SQLExpression, call: FunctionCall, location: SourceLocation)]
    ) throws(SQLError) {
        if let call = expression.aggregateCall {
            for argument in call.arguments {
                if let nested = argument.first(where: { $0.aggregateCall != nil }) {
                    throw .validation("Aggregate function calls cannot be nested", at: nested.location)
                }
            }
            let canonical = expression.canonical(in: scope)
            if !calls.contains(where: { $0.canonical == canonical }) {
                calls.append((canonical, call, expression.location))
            }
            return
        }
        for child in expression.children { try collectAggregates(in: child, scope: scope, into: &calls) }
    }

    private func describe(_ call: FunctionCall) -> String {
        let arguments = call.arguments.isEmpty || call.arguments.first?.kind == .star ? "*" : "..."
        return call.name.value.uppercased() + "(" + (call.isDistinct ? "DISTINCT " : "") + arguments + ")"
    }
}

/// A GROUP BY over window_start and window_end of a window TVF.
struct WindowGrouping {
    /// The window, its time column a column of `source`.
    var window: PlannedWindow
    /// What the window TVF read (with the WHERE of the query applied): the rows to window.
    var source: PlanNode
    /// The GROUP BY keys other than the window's columns.
    var keys: [SQLExpression]
    /// Input positions of window_start, window_end and (if grouped on) window_time.
    var startColumn: Int
    var endColumn: Int
    var timeColumn: Int?
    var timeType: SQLType
}

extension QueryPlanner {
    /// The window of a GROUP BY that names both window_start and window_end of one window TVF.
    func windowGrouping(_ select: SelectQuery, over input: PlanNode) throws(SQLError) -> WindowGrouping? {
        let scope = input.columns.scope
        var windowNode: PlanNode?
        var start: Int?
        var end: Int?
        var time: Int?
        var keys: [SQLExpression] = []
        for key in select.groupBy {
            if let column = columnIndex(key, in: scope) {
                let origin = input.origin(of: column)
                if case .windowAssignment = origin.node.operation {
                    let count = origin.node.columns.count
                    if windowNode == nil || windowNode === origin.node {
                        windowNode = origin.node
                        switch origin.column {
                        case count - 3: start = column
                        case count - 2: end = column
                        case count - 1: time = column
                        default: break
                        }
                        if origin.column >= count - 3 { continue }
                    }
                }
            }
            keys.append(key)
        }
        guard let windowNode, let start, let end, case .windowAssignment(let window) = windowNode.operation else {
            return nil
        }
        // The rows the window TVF read: its input, under this query's WHERE when there is one.
        let source: PlanNode
        if input === windowNode {
            source = windowNode.input
        } else if case .filter(let condition) = input.operation, input.input === windowNode {
            let windowed = windowNode.columns.count - 3
            if let reference = select.whereClause?.first(where: { part in
                columnIndex(part, in: scope).map { $0 >= windowed } ?? false
            }) {
                throw .unsupported("a WHERE on window columns below a window aggregate", at: reference.location)
            }
            source = PlanNode(
                .filter(condition),
                inputs: [windowNode.input],
                columns: windowNode.input.columns,
                isInsertOnly: windowNode.input.isInsertOnly
            )
        } else {
            throw .unsupported(
                "a window aggregate that is not directly over its window table function (FROM TABLE(TUMBLE(...)))",
                at: select.location
            )
        }
        let windowed = windowNode.columns.count - 3
        for key in keys {
            if let reference = key.first(where: { columnIndex($0, in: scope).map { $0 >= windowed } ?? false }) {
                throw .unsupported("an expression of window columns as a group key", at: reference.location)
            }
        }
        return WindowGrouping(
            window: window,
            source: source,
            keys: keys,
            startColumn: start,
            endColumn: end,
            timeColumn: time,
            timeType: windowNode.columns[windowNode.columns.count - 1].type
        )
    }
}
