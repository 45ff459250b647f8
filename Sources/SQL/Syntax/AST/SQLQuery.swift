/// A query: a SELECT, or a set operation over queries, with an optional ORDER BY and LIMIT.
public struct SQLQuery: Sendable, Hashable {
    public var body: Body
    public var orderBy: [OrderItem]
    public var limit: SQLExpression?
    public var location: SourceLocation

    public init(body: Body, orderBy: [OrderItem] = [], limit: SQLExpression? = nil, at location: SourceLocation) {
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
        self.location = location
    }

    public indirect enum Body: Sendable, Hashable {
        case select(SelectQuery)
        /// `left UNION [ALL] right`, `INTERSECT`, `EXCEPT`.
        case setOperation(SetOperator, isAll: Bool, SQLQuery, SQLQuery)
        /// `VALUES (1, 'a'), (2, 'b')`.
        case values([[SQLExpression]])
        /// A parenthesized query.
        case nested(SQLQuery)
    }
}

public enum SetOperator: String, Sendable, Hashable {
    case union = "UNION"
    case intersect = "INTERSECT"
    case except = "EXCEPT"
}

/// `SELECT [DISTINCT] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...]`.
public struct SelectQuery: Sendable, Hashable {
    public var isDistinct: Bool
    public var items: [SelectItem]
    public var from: TableReference?
    public var whereClause: SQLExpression?
    public var groupBy: [SQLExpression]
    public var having: SQLExpression?
    public var location: SourceLocation

    public init(
        isDistinct: Bool = false,
        items: [SelectItem],
        from: TableReference?,
        whereClause: SQLExpression? = nil,
        groupBy: [SQLExpression] = [],
        having: SQLExpression? = nil,
        at location: SourceLocation
    ) {
        self.isDistinct = isDistinct
        self.items = items
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.location = location
    }
}

/// One item of the SELECT list.
public enum SelectItem: Sendable, Hashable {
    /// An expression, with `AS alias` or a bare alias.
    case expression(SQLExpression, alias: Identifier?)
    /// `*` or `t.*`.
    case wildcard(qualifier: Identifier?, at: SourceLocation)
}

/// What a FROM clause reads.
public indirect enum TableReference: Sendable, Hashable {
    /// A table or view by name, with an optional alias.
    case table(ObjectName, alias: Identifier?)
    /// `(SELECT ...) [AS] alias`.
    case subquery(SQLQuery, alias: Identifier?)
    /// `TABLE(TUMBLE(TABLE t, DESCRIPTOR(rt), INTERVAL '1' MINUTE)) [AS] alias`.
    case windowFunction(WindowTableFunction, alias: Identifier?)
    /// `left [INNER | LEFT | RIGHT | FULL] JOIN right ON condition`, or `CROSS JOIN` / a comma.
    case join(TableReference, JoinKind, TableReference, on: SQLExpression?)
}

public enum JoinKind: String, Sendable, Hashable {
    case inner = "INNER"
    case left = "LEFT"
    case right = "RIGHT"
    case full = "FULL"
    case cross = "CROSS"
}

/// A windowing table-valued function: its input, time column and sizes (interval expressions).
///
/// Arguments may be positional or named (`DATA =>`, `TIMECOL =>`, `SIZE =>`, `SLIDE =>`,
/// `STEP =>`, `GAP =>`, `OFFSET =>`); the parser sorts them into these fields.
public struct WindowTableFunction: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case tumble = "TUMBLE"
        case hop = "HOP"
        case cumulate = "CUMULATE"
        case session = "SESSION"
    }

    public var kind: Kind
    /// The table read: `TABLE t` (a `.table`) or a subquery.
    public var input: TableReference
    /// `PARTITION BY` keys of SESSION's input (`TABLE t PARTITION BY k`).
    public var partitionBy: [Identifier]
    /// The column of `DESCRIPTOR(col)`.
    public var timeColumn: Identifier
    /// TUMBLE's and HOP's size, CUMULATE's max size; nil for SESSION.
    public var size: SQLExpression?
    /// HOP's slide.
    public var slide: SQLExpression?
    /// CUMULATE's step.
    public var step: SQLExpression?
    /// SESSION's gap.
    public var gap: SQLExpression?
    /// The optional window offset.
    public var offset: SQLExpression?
    public var location: SourceLocation

    public init(
        kind: Kind,
        input: TableReference,
        partitionBy: [Identifier] = [],
        timeColumn: Identifier,
        size: SQLExpression? = nil,
        slide: SQLExpression? = nil,
        step: SQLExpression? = nil,
        gap: SQLExpression? = nil,
        offset: SQLExpression? = nil,
        at location: SourceLocation
    ) {
        self.kind = kind
        self.input = input
        self.partitionBy = partitionBy
        self.timeColumn = timeColumn
        self.size = size
        self.slide = slide
        self.step = step
        self.gap = gap
        self.offset = offset
        self.location = location
    }
}
