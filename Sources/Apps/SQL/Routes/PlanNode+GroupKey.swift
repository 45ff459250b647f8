import SQL

extension PlanNode {
    /// The output columns that copy a GROUP BY's key (window_start and window_end included) when
    /// the result is grouped, so that a page can chart the other columns against them; nil when it
    /// is not grouped (a projection, a join), whose rows are best shown as a table only.
    var groupKeyColumns: [Int]? {
        guard isGrouped else { return nil }
        return columns.indices.filter { column in
            let origin = origin(of: column)
            switch origin.node.operation {
            case .aggregate(let keyCount, _): return origin.column < keyCount
            case .windowAggregate(_, let keyCount, _): return origin.column < keyCount + 2
            default: return false
            }
        }
    }

    /// Whether the rows are those of a GROUP BY, seen through projections, filters and rankings.
    private var isGrouped: Bool {
        switch operation {
        case .aggregate, .windowAggregate: true
        case .project, .filter, .rank: input.isGrouped
        default: false
        }
    }
}
