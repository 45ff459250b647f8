extension QueryPlanner {
    /// The plan of a FROM item, its columns qualified by its alias (or table name).
    func planFrom(_ reference: TableReference) throws(SQLError) -> PlanNode {
        switch reference {
        case .table(let name, let alias):
            return try planTable(name, alias: alias)
        case .subquery(let query, let alias):
            return try planQuery(query).qualified(by: alias?.value)
        case .windowFunction(let function, let alias):
            let node = try planWindowFunction(function)
            return alias.map { node.qualified(by: $0.value) } ?? node
        case .join(let left, let kind, let right, let condition):
            return try planJoin(left, kind, right, on: condition)
        }
    }

    func planTable(_ name: ObjectName, alias: Identifier?) throws(SQLError) -> PlanNode {
        guard name.parts.count == 1 || TableBuilder.isDefaultPath(name) else {
            throw .validation("Object '\(name)' not found", at: name.location)
        }
        let qualifier = alias?.value ?? name.name.value
        if let table = catalog.tables[name.name.value] {
            if case .filesystem = table.connector {
                throw .unsupported("reading a filesystem table; Kibitz writes them with INSERT INTO", at: name.location)
            }
            if case .blackhole = table.connector {
                throw .validation("Table '\(table.name)' is a blackhole sink and cannot be read", at: name.location)
            }
            let columns = table.columns.map { column in
                PlanColumn(
                    name: column.name,
                    type: column.type,
                    qualifier: qualifier,
                    isRowtime: table.watermark?.column == column.name
                )
            }
            return PlanNode(.scan(table), inputs: [], columns: columns, isInsertOnly: true)
        }
        if let view = catalog.views[name.name.value] {
            return try planQuery(view.query).qualified(by: qualifier)
        }
        throw .validation("Object '\(name)' not found", at: name.location)
    }

    // MARK: Window table functions

    func planWindowFunction(_ function: WindowTableFunction) throws(SQLError) -> PlanNode {
        let input = try planFrom(function.input)
        let time = try input.columns.scope.resolve(qualifier: nil, name: function.timeColumn)
        let timeColumn = input.columns[time]
        guard timeColumn.isRowtime else {
            throw .validation(
                "The window function requires the timecol is a time attribute type, but is \(timeColumn.type).",
                at: function.timeColumn.location
            )
        }
        func required(_ expression: SQLExpression?, _ what: String) throws(SQLError) -> Int64 {
            guard let expression else {
                throw .validation("\(function.kind.rawValue) needs its \(what) interval", at: function.location)
            }
            let milliseconds = try intervalMilliseconds(expression, what: "The window \(what)")
            guard milliseconds > 0 else {
                throw .validation("The window \(what) must be positive", at: expression.location)
            }
            return milliseconds
        }
        let kind: PlannedWindow.Kind
        switch function.kind {
        case .tumble:
            kind = .tumble(size: try required(function.size, "size"))
        case .hop:
            let size = try required(function.size, "size")
            let slide = try required(function.slide, "slide")
            guard size % slide == 0 else {
                throw .validation(
                    "HOP table function based aggregate requires size must be an integral multiple of slide, but got"
                        + " size \(size) ms and slide \(slide) ms.",
                    at: function.location
                )
            }
            try checkWindowsPerRow(size / slide, function)
            kind = .hop(size: size, slide: slide)
        case .cumulate:
            let size = try required(function.size, "max size")
            let step = try required(function.step, "step")
            guard size % step == 0 else {
                throw .validation(
                    "CUMULATE table function based aggregate requires maxSize must be an integral multiple of step,"
                        + " but got maxSize \(size) ms and step \(step) ms.",
                    at: function.location
                )
            }
            try checkWindowsPerRow(size / step, function)
            kind = .cumulate(size: size, step: step)
        case .session:
            var keys: [Int] = []
            for key in function.partitionBy { keys.append(try input.columns.scope.resolve(qualifier: nil, name: key)) }
            kind = .session(gap: try required(function.gap, "gap"), partitionKeys: keys)
        }
        var offset: Int64 = 0
        if let expression = function.offset {
            guard case .session = kind else {
                offset = try intervalMilliseconds(expression, what: "The window offset")
                return try windowAssignment(input, PlannedWindow(kind: kind, timeColumn: time, offset: offset))
            }
            throw .unsupported("an offset for SESSION windows", at: expression.location)
        }
        return try windowAssignment(input, PlannedWindow(kind: kind, timeColumn: time, offset: offset))
    }

    /// Refuses a window that would keep each row in more windows than the limit.
    private func checkWindowsPerRow(_ count: Int64, _ function: WindowTableFunction) throws(SQLError) {
        guard count > Int64(maximumWindowsPerRow) else { return }
        throw .validation(
            "\(function.kind.rawValue) puts every row in \(count) windows; the limit is \(maximumWindowsPerRow)"
                + " (--sql-max-windows-per-row): choose a larger slide or step, or a smaller size",
            at: function.location
        )
    }

    private func windowAssignment(_ input: PlanNode, _ window: PlannedWindow) throws(SQLError) -> PlanNode {
        guard input.isInsertOnly else {
            throw .unsupported(
                "a window table function over an updating input (such as a GROUP BY without windows):"
                    + " windows need rows that are only ever inserted"
            )
        }
        let timeType = input.columns[window.timeColumn].type
        let boundary = SQLType(.timestamp(precision: 3), isNullable: false)
        var windowTime = boundary
        if case .timestampWithLocalTimeZone = timeType.kind {
            windowTime = SQLType(.timestampWithLocalTimeZone(precision: 3), isNullable: false)
        }
        // The input's time column becomes a plain timestamp: window_time is the time attribute now.
        var columns = input.columns.map { column in
            var column = column
            column.isRowtime = false
            return column
        }
        columns += [
            PlanColumn(name: "window_start", type: boundary),
            PlanColumn(name: "window_end", type: boundary),
            PlanColumn(name: "window_time", type: windowTime, isRowtime: true),
        ]
        return PlanNode(.windowAssignment(window), inputs: [input], columns: columns, isInsertOnly: true)
    }

    // MARK: Joins

    func planJoin(
        _ leftReference: TableReference,
        _ kind: JoinKind,
        _ rightReference: TableReference,
        on condition: SQLExpression?
    ) throws(SQLError) -> PlanNode {
        let left = try planFrom(leftReference)
        let right = try planFrom(rightReference)
        guard let condition, kind != .cross else {
            throw .unsupported("a join without an ON condition (a cross join) over unbounded tables")
        }
        let joined = left.columns + right.columns
        let scope = joined.scope
        let leftCount = left.columns.count
        var leftKeys: [Int] = []
        var rightKeys: [Int] = []
        var lower: Int64?
        var upper: Int64?
        var timePair: (left: Int, right: Int)?
        var residual: [SQLExpression] = []
        var timeConditions: [SQLExpression] = []
        for conjunct in condition.conjuncts {
            if case .binary(.equal, let first, let second) = conjunct.kind,
                let firstColumn = columnIndex(first, in: scope), let secondColumn = columnIndex(second, in: scope),
                (firstColumn < leftCount) != (secondColumn < leftCount)
            {
                leftKeys.append(min(firstColumn, secondColumn))
                rightKeys.append(max(firstColumn, secondColumn) - leftCount)
                continue
            }
            if let bounds = try timeBounds(conjunct, in: joined, leftCount: leftCount),
                timePair == nil || (timePair! == (bounds.left, bounds.right))
            {
                timePair = (bounds.left, bounds.right)
                if let low = bounds.lower { lower = max(lower ?? .min, low) }
                if let high = bounds.upper { upper = min(upper ?? .max, high) }
                timeConditions.append(conjunct)
                continue
            }
            residual.append(conjunct)
        }
        guard !leftKeys.isEmpty else {
            throw .unsupported(
                "a join without an equality between a column of each table (Kibitz runs equi-joins)",
                at: condition.location
            )
        }
        var interval: IntervalBounds?
        if let timePair, let lower, let upper, left.isInsertOnly, right.isInsertOnly {
            interval = IntervalBounds(
                leftTime: timePair.left,
                rightTime: timePair.right - leftCount,
                lower: lower,
                upper: upper
            )
        } else {
            // Not a bounded interval: the time conditions are ordinary conditions of a regular join.
            residual += timeConditions
        }
        if interval != nil, kind != .inner, kind != .left {
            throw .unsupported("\(kind.rawValue) OUTER interval joins; INNER and LEFT are", at: condition.location)
        }
        let compiledResidual = try SQLExpression.conjunction(residual).map { expression throws(SQLError) in
            try ExpressionCompiler(scope: scope).compileCondition(expression, clause: "ON")
        }
        var columns = joined.map { column in
            var column = column
            if interval == nil { column.isRowtime = false }
            return column
        }
        if kind == .left || kind == .full {
            for index in leftCount..<columns.count { columns[index].type = columns[index].type.nullable }
        }
        if kind == .right || kind == .full {
            for index in 0..<leftCount { columns[index].type = columns[index].type.nullable }
        }
        let specification = JoinSpecification(
            kind: kind,
            leftKeys: leftKeys,
            rightKeys: rightKeys,
            residual: compiledResidual,
            interval: interval
        )
        let isInsertOnly = interval != nil || (kind == .inner && left.isInsertOnly && right.isInsertOnly)
        return PlanNode(.join(specification), inputs: [left, right], columns: columns, isInsertOnly: isInsertOnly)
    }

    /// The position of a plain column reference, or nil for anything else.
    func columnIndex(_ expression: SQLExpression, in scope: RowScope) -> Int? {
        guard case .column(let qualifier, let name) = expression.kind else { return nil }
        return try? scope.resolve(qualifier: qualifier, name: name)
    }

    /// A time attribute of one side plus a constant interval: `l.rt`, `l.rt - INTERVAL '1' MINUTE`.
    private func timeTerm(
        _ expression: SQLExpression,
        in columns: [PlanColumn]
    ) throws(SQLError) -> (column: Int, offset: Int64)? {
        let scope = columns.scope
        if let column = columnIndex(expression, in: scope) {
            return columns[column].isRowtime ? (column, 0) : nil
        }
        guard case .binary(let op, let base, let interval) = expression.kind, op == .add || op == .subtract,
            let column = columnIndex(base, in: scope), columns[column].isRowtime,
            case .dayTimeInterval(let milliseconds)? = try? compile(interval, over: []).constantValue
        else { return nil }
        return (column, op == .add ? milliseconds : -milliseconds)
    }

    /// Bounds on (right time - left time) that a conjunct sets, when it compares the time
    /// attributes of the two sides.
    private func timeBounds(
        _ conjunct: SQLExpression,
        in columns: [PlanColumn],
        leftCount: Int
    ) throws(SQLError) -> (left: Int, right: Int, lower: Int64?, upper: Int64?)? {
        if case .between(let operand, let low, let high, false) = conjunct.kind {
            let first = SQLExpression(.binary(.greaterOrEqual, operand, low), at: conjunct.location)
            let second = SQLExpression(.binary(.lessOrEqual, operand, high), at: conjunct.location)
            guard let a = try timeBounds(first, in: columns, leftCount: leftCount),
                let b = try timeBounds(second, in: columns, leftCount: leftCount), a.left == b.left, a.right == b.right
            else { return nil }
            return (a.left, a.right, a.lower ?? b.lower, a.upper ?? b.upper)
        }
        guard case .binary(let op, let first, let second) = conjunct.kind,
            [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op),
            let p = try timeTerm(first, in: columns), let q = try timeTerm(second, in: columns),
            (p.column < leftCount) != (q.column < leftCount)
        else { return nil }
        // p.column + p.offset (op) q.column + q.offset, so p.column - q.column (op) q.offset - p.offset.
        var constant = q.offset - p.offset
        var comparison = op
        var (leftColumn, rightColumn) = (q.column, p.column)
        if p.column < leftCount {
            // left - right (op) c is right - left (flipped op) -c.
            (leftColumn, rightColumn) = (p.column, q.column)
            constant = -constant
            comparison =
                switch op {
                case .less: .greater
                case .lessOrEqual: .greaterOrEqual
                case .greater: .less
                default: .lessOrEqual
                }
        }
        switch comparison {
        case .greaterOrEqual: return (leftColumn, rightColumn, constant, nil)
        case .greater: return (leftColumn, rightColumn, constant + 1, nil)
        case .lessOrEqual: return (leftColumn, rightColumn, nil, constant)
        default: return (leftColumn, rightColumn, nil, constant - 1)
        }
    }
}

extension PlanNode {
    /// The same node with its columns qualified by `qualifier` (a FROM item's alias); unchanged for nil.
    func qualified(by qualifier: String?) -> PlanNode {
        guard let qualifier else { return self }
        return PlanNode(
            operation,
            inputs: inputs,
            columns: columns.qualified(by: qualifier),
            isInsertOnly: isInsertOnly
        )
    }
}
