extension PlanNode {
    /// The plan as an indented tree in the style of Flink's EXPLAIN, one operator per line with
    /// the changes it produces (`I` inserts only; `I,UB,UA,D` updates).
    public var explanation: String {
        var lines: [String] = []
        func visit(_ node: PlanNode, prefix: String, childPrefix: String) {
            lines.append(prefix + node.summary + ", changelogMode=[" + (node.isInsertOnly ? "I" : "I,UB,UA,D") + "]")
            for input in node.inputs {
                visit(input, prefix: childPrefix + "+- ", childPrefix: childPrefix + "   ")
            }
        }
        visit(self, prefix: "", childPrefix: "")
        return lines.joined(separator: "\n")
    }

    /// One line for this operator.
    var summary: String {
        let names = { (columns: [PlanColumn]) in columns.map(\.name).joined(separator: ", ") }
        switch operation {
        case .scan(let table):
            return
                "TableSourceScan(table=[[default_catalog, default_database, \(table.name)]], fields=[\(names(columns))])"
        case .values(let rows):
            return "Values(rows=[\(rows.count)], fields=[\(names(columns))])"
        case .project(_, let passthrough):
            let items = zip(columns, passthrough).map { column, source in
                source.map {
                    input.columns[$0].name == column.name ? column.name : input.columns[$0].name + " AS " + column.name
                }
                    ?? column.name
            }
            return "Calc(select=[\(items.joined(separator: ", "))])"
        case .filter:
            return "Calc(where=[condition], select=[\(names(columns))])"
        case .windowAssignment(let window):
            return
                "WindowTableFunction(window=[\(describe(window, timeColumn: input.columns[window.timeColumn].name))])"
        case .aggregate(let keyCount, let aggregates):
            let keys = input.columns.prefix(keyCount).map(\.name)
            if aggregates.isEmpty {
                return "GroupAggregate(groupBy=[\(keys.joined(separator: ", "))], select=[distinct])"
            }
            return
                "GroupAggregate(groupBy=[\(keys.joined(separator: ", "))], select=[\(aggregates.map(\.text).joined(separator: ", "))])"
        case .windowAggregate(let window, let keyCount, let aggregates):
            let keys = input.columns.prefix(keyCount).map(\.name)
            return
                "WindowAggregate(groupBy=[\(keys.joined(separator: ", "))], window=[\(describe(window, timeColumn: input.columns[window.timeColumn].name))],"
                + " select=[\(aggregates.map(\.text).joined(separator: ", "))])"
        case .rank(let rank):
            let partition = rank.partitionKeys.map { input.columns[$0].name }.joined(separator: ", ")
            let order = rank.sortKeys.map { input.columns[$0.column].name + ($0.isDescending ? " DESC" : " ASC") }
                .joined(separator: ", ")
            let kind = rank.windowEnd == nil ? "Rank" : "WindowRank"
            return
                "\(kind)(rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=\(rank.limit.map(String.init) ?? "?")],"
                + " partitionBy=[\(partition)], orderBy=[\(order)], select=[\(names(columns))])"
        case .join(let join):
            let left = inputs[0].columns
            let right = inputs[1].columns
            let keys = zip(join.leftKeys, join.rightKeys).map { "\(left[$0].name) = \(right[$1].name)" }
            let kind = join.kind.rawValue.capitalized + "Join"
            if let interval = join.interval {
                return "IntervalJoin(joinType=[\(kind)], where=[\(keys.joined(separator: " AND "))],"
                    + " time=[\(right[interval.rightTime].name) - \(left[interval.leftTime].name) BETWEEN \(interval.lower) ms AND \(interval.upper) ms])"
            }
            return
                "Join(joinType=[\(kind)], where=[\(keys.joined(separator: " AND "))\(join.residual == nil ? "" : " AND condition")])"
        case .union:
            return "Union(all=[true], union=[\(names(columns))])"
        }
    }

    private func describe(_ window: PlannedWindow, timeColumn: String) -> String {
        switch window.kind {
        case .tumble(let size): "TUMBLE(time_col=[\(timeColumn)], size=[\(size) ms])"
        case .hop(let size, let slide): "HOP(time_col=[\(timeColumn)], size=[\(size) ms], slide=[\(slide) ms])"
        case .cumulate(let size, let step):
            "CUMULATE(time_col=[\(timeColumn)], max_size=[\(size) ms], step=[\(step) ms])"
        case .session(let gap, _): "SESSION(time_col=[\(timeColumn)], gap=[\(gap) ms])"
        }
    }
}
