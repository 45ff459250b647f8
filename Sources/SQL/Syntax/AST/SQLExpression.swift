/// A scalar expression as written: a node of the syntax tree with where it starts in the text.
public struct SQLExpression: Sendable, Hashable {
    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The forms of expression the parser knows. Special syntax (`EXTRACT(DAY FROM x)`,
    /// `FLOOR(x TO HOUR)`, `TRIM(BOTH 'x' FROM y)`, `SUBSTRING(x FROM 1 FOR 2)`, `POSITION(a IN b)`)
    /// becomes a `function` call with its arguments in Flink's function order
    /// (`FLOOR(x TO HOUR)` is `FLOOR(x, HOUR)` with the unit as a `timeUnit` argument).
    public indirect enum Kind: Sendable, Hashable {
        case literal(SQLLiteral)
        /// A column, possibly qualified by a table or alias: `game_id`, `m.game_id`.
        case column(qualifier: Identifier?, name: Identifier)
        /// A field of a ROW value: `device.os` when `device` is a column, or `(expr).field`.
        case fieldAccess(SQLExpression, field: Identifier)
        /// `*` as a function argument: `COUNT(*)`.
        case star
        case unary(UnaryOperator, SQLExpression)
        case binary(BinaryOperator, SQLExpression, SQLExpression)
        /// `x IS [NOT] NULL`, `x IS [NOT] TRUE` and friends.
        case isTest(SQLExpression, IsTest, negated: Bool)
        case between(SQLExpression, low: SQLExpression, high: SQLExpression, negated: Bool)
        case inList(SQLExpression, [SQLExpression], negated: Bool)
        case like(SQLExpression, pattern: SQLExpression, escape: SQLExpression?, negated: Bool)
        /// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`.
        case caseWhen(operand: SQLExpression?, branches: [CaseBranch], otherwise: SQLExpression?)
        /// `CAST(x AS type)`, or `TRY_CAST` when `isTry`.
        case cast(SQLExpression, SQLType, isTry: Bool)
        case function(FunctionCall)
        /// A time unit given as an argument: `HOUR` in `FLOOR(ts TO HOUR)`, `DAY` in `EXTRACT`.
        case timeUnit(TimeUnit)
    }
}

/// `WHEN condition THEN result`.
public struct CaseBranch: Sendable, Hashable {
    public var condition: SQLExpression
    public var result: SQLExpression

    public init(condition: SQLExpression, result: SQLExpression) {
        self.condition = condition
        self.result = result
    }
}

/// A call of a named function, an aggregate, or a window function with `OVER`.
public struct FunctionCall: Sendable, Hashable {
    /// The name as written; functions are looked up without regard to case.
    public var name: Identifier
    public var arguments: [SQLExpression]
    /// `COUNT(DISTINCT x)`.
    public var isDistinct: Bool
    /// `ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...)`.
    public var over: WindowSpecification?

    public init(
        name: Identifier,
        arguments: [SQLExpression],
        isDistinct: Bool = false,
        over: WindowSpecification? = nil
    ) {
        self.name = name
        self.arguments = arguments
        self.isDistinct = isDistinct
        self.over = over
    }
}

/// The `OVER (...)` of a window function. Frames (`ROWS BETWEEN ...`) are refused by the parser.
public struct WindowSpecification: Sendable, Hashable {
    public var partitionBy: [SQLExpression]
    public var orderBy: [OrderItem]

    public init(partitionBy: [SQLExpression], orderBy: [OrderItem]) {
        self.partitionBy = partitionBy
        self.orderBy = orderBy
    }
}

/// One key of `ORDER BY`.
public struct OrderItem: Sendable, Hashable {
    public var expression: SQLExpression
    public var isDescending: Bool
    /// `NULLS FIRST` (true), `NULLS LAST` (false), or Flink's default for the direction (nil).
    public var nullsFirst: Bool?

    public init(expression: SQLExpression, isDescending: Bool = false, nullsFirst: Bool? = nil) {
        self.expression = expression
        self.isDescending = isDescending
        self.nullsFirst = nullsFirst
    }
}

/// A literal value as written.
public enum SQLLiteral: Sendable, Hashable {
    case null
    case boolean(Bool)
    /// An integer literal's digits (it may not fit in 64 bits; the type checker decides).
    case integer(String)
    /// A decimal literal's digits: `12.50`, `.5`.
    case decimal(String)
    /// An approximate literal: `1.5E3`.
    case double(String)
    case string(String)
    /// `TIMESTAMP '2024-01-01 10:00:00'`, `DATE '...'`, `TIME '...'`.
    case typed(SQLType.Kind, String)
    /// `INTERVAL '5' SECOND`, `INTERVAL '1 10' DAY TO HOUR`: the quoted text, its unit and an
    /// optional end unit; a negative interval is written `INTERVAL -'5' SECOND` or `- INTERVAL`.
    case interval(String, TimeUnit, to: TimeUnit?)
}

/// Units of intervals, `EXTRACT`, `FLOOR`/`CEIL` and `TIMESTAMPADD`.
public enum TimeUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case year = "YEAR"
    case quarter = "QUARTER"
    case month = "MONTH"
    case week = "WEEK"
    case day = "DAY"
    case hour = "HOUR"
    case minute = "MINUTE"
    case second = "SECOND"
    case millisecond = "MILLISECOND"
}

public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case plus = "+"
    case not = "NOT"
}

public enum BinaryOperator: String, Sendable, Hashable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case concatenate = "||"
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case and = "AND"
    case or = "OR"
    /// `IS DISTINCT FROM`; `IS NOT DISTINCT FROM` is its negation.
    case isDistinctFrom = "IS DISTINCT FROM"
}

/// What `IS [NOT] ...` tests.
public enum IsTest: String, Sendable, Hashable {
    case null = "NULL"
    case `true` = "TRUE"
    case `false` = "FALSE"
    case unknown = "UNKNOWN"
}
