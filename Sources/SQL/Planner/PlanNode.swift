/// One operator of a query's logical plan: what it does, what it reads and the rows it produces.
///
/// Nodes are immutable and form a tree; `PlanCompiler` turns a tree into Streams operators.
public final class PlanNode: Sendable {
    public enum Operation: Sendable {
        /// The rows of a table: each record's value decoded, computed and metadata columns added.
        case scan(CatalogTable)
        /// Constant rows (`VALUES`, or the one empty row of a SELECT without FROM).
        case values([SQLRow])
        /// One expression per output column; `passthrough` names the input column an output
        /// column copies unchanged, if it does.
        case project([CompiledExpression], passthrough: [Int?])
        /// Keeps the rows for which the condition is TRUE.
        case filter(CompiledExpression)
        /// Adds window_start, window_end and window_time (a window TVF): a row per window it is in.
        case windowAssignment(PlannedWindow)
        /// GROUP BY over a changelog: the input's first `keyCount` columns are the group key, and
        /// the aggregates read the columns they name. Output: the key, then one column per aggregate.
        case aggregate(keyCount: Int, aggregates: [PlannedAggregate])
        /// GROUP BY window_start, window_end, keys over a window TVF's input: output is the key,
        /// window_start, window_end, then the aggregates, once per window when it closes.
        case windowAggregate(PlannedWindow, keyCount: Int, aggregates: [PlannedAggregate])
        /// Top-N: the first rows per partition by an order (ROW_NUMBER() OVER ... <= N).
        case rank(RankSpecification)
        /// An equi-join of two inputs; output is the left row followed by the right row.
        case join(JoinSpecification)
        /// UNION ALL of the inputs.
        case union
    }

    public let operation: Operation
    public let inputs: [PlanNode]
    public let columns: [PlanColumn]
    /// Whether the node only ever inserts rows (Flink's append-only), rather than updating them.
    public let isInsertOnly: Bool

    public init(_ operation: Operation, inputs: [PlanNode], columns: [PlanColumn], isInsertOnly: Bool) {
        self.operation = operation
        self.inputs = inputs
        self.columns = columns
        self.isInsertOnly = isInsertOnly
    }

    /// The only input, for the nodes that have one.
    public var input: PlanNode { inputs[0] }

    /// The tables the plan reads, each once, in the order first met.
    public var scannedTables: [CatalogTable] {
        var tables: [CatalogTable] = []
        func visit(_ node: PlanNode) {
            if case .scan(let table) = node.operation, !tables.contains(where: { $0.name == table.name }) {
                tables.append(table)
            }
            node.inputs.forEach(visit)
        }
        visit(self)
        return tables
    }
}

/// A window of a window TVF, with its sizes worked out.
public struct PlannedWindow: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case tumble(size: Int64)
        case hop(size: Int64, slide: Int64)
        case cumulate(size: Int64, step: Int64)
        /// Sessions are kept per PARTITION BY values (input positions; none: one session stream
        /// for all rows), and aggregated per group key within each.
        case session(gap: Int64, partitionKeys: [Int])
    }

    public var kind: Kind
    /// The input column of event time (the DESCRIPTOR's).
    public var timeColumn: Int
    /// Milliseconds windows are shifted by (the TVF's OFFSET).
    public var offset: Int64

    public init(kind: Kind, timeColumn: Int, offset: Int64 = 0) {
        self.kind = kind
        self.timeColumn = timeColumn
        self.offset = offset
    }
}

/// One aggregate call of a GROUP BY: the function and the input column it reads.
public struct PlannedAggregate: Sendable, Hashable {
    public var function: AggregateFunction
    /// The input column of the argument; nil for COUNT(*).
    public var argument: Int?
    /// The call as written, for EXPLAIN.
    public var text: String

    public init(function: AggregateFunction, argument: Int?, text: String) {
        self.function = function
        self.argument = argument
        self.text = text
    }

    public var resultType: SQLType { function.resultType }
}

/// A Top-N: partition, order, how many rows, and whether the row number is a column.
public struct RankSpecification: Sendable, Hashable {
    public struct SortKey: Sendable, Hashable {
        public var column: Int
        public var isDescending: Bool
        public var nullsFirst: Bool

        public init(column: Int, isDescending: Bool, nullsFirst: Bool) {
            self.column = column
            self.isDescending = isDescending
            self.nullsFirst = nullsFirst
        }
    }

    public var partitionKeys: [Int]
    public var sortKeys: [SortKey]
    /// N of Top-N; nil until the filter on the row number is found.
    public var limit: Int?
    /// Whether the output rows end with the row number (BIGINT NOT NULL).
    public var outputsRowNumber: Bool
    /// The input column of window_end when the ranking is per window (window Top-N): a window's
    /// rows are final when it closes.
    public var windowEnd: Int?

    public init(
        partitionKeys: [Int],
        sortKeys: [SortKey],
        limit: Int?,
        outputsRowNumber: Bool,
        windowEnd: Int? = nil
    ) {
        self.partitionKeys = partitionKeys
        self.sortKeys = sortKeys
        self.limit = limit
        self.outputsRowNumber = outputsRowNumber
        self.windowEnd = windowEnd
    }
}

/// How two inputs are joined.
public struct JoinSpecification: Sendable {
    public var kind: JoinKind
    /// Positions of the equi-join keys in the left and the right row.
    public var leftKeys: [Int]
    public var rightKeys: [Int]
    /// The rest of the ON condition, over the joined row (left columns then right columns).
    public var residual: CompiledExpression?
    /// Time bounds of an interval join: right time within [left time + lower, left time + upper].
    public var interval: IntervalBounds?

    public init(
        kind: JoinKind,
        leftKeys: [Int],
        rightKeys: [Int],
        residual: CompiledExpression?,
        interval: IntervalBounds?
    ) {
        self.kind = kind
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.residual = residual
        self.interval = interval
    }
}

/// The time condition of an interval join.
public struct IntervalBounds: Sendable, Hashable {
    public var leftTime: Int
    public var rightTime: Int
    /// Milliseconds: right time >= left time + lower.
    public var lower: Int64
    /// Milliseconds: right time <= left time + upper.
    public var upper: Int64

    public init(leftTime: Int, rightTime: Int, lower: Int64, upper: Int64) {
        self.leftTime = leftTime
        self.rightTime = rightTime
        self.lower = lower
        self.upper = upper
    }
}
