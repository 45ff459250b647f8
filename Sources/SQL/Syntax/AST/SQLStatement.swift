/// One statement of a script, as parsed.
public indirect enum SQLStatement: Sendable, Hashable {
    case createTable(CreateTableStatement)
    case createView(CreateViewStatement)
    /// `DROP TABLE [IF EXISTS] name`.
    case dropTable(ObjectName, ifExists: Bool)
    /// `DROP VIEW [IF EXISTS] name`.
    case dropView(ObjectName, ifExists: Bool)
    /// `SHOW TABLES`.
    case showTables
    /// `SHOW VIEWS`.
    case showViews
    /// `DESCRIBE name` or `DESC name`.
    case describe(ObjectName)
    /// `EXPLAIN [PLAN FOR] statement`: a query or an INSERT.
    case explain(SQLStatement)
    /// A query run for its result.
    case query(SQLQuery)
    case insert(InsertStatement)
    /// `SET 'key' = 'value'`, or `SET` alone (key and value nil) to list; `RESET` is refused.
    case set(key: String?, value: String?)
}

/// A statement with the text it was parsed from, so that it can be stored and shown again.
public struct ParsedStatement: Sendable, Hashable {
    public var statement: SQLStatement
    /// The statement's own text, without the separating semicolon.
    public var text: String
    public var location: SourceLocation

    public init(statement: SQLStatement, text: String, at location: SourceLocation) {
        self.statement = statement
        self.text = text
        self.location = location
    }
}

/// `CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name (columns, [WATERMARK ...], [PRIMARY KEY ...])
/// [COMMENT '...'] [PARTITIONED BY (...)] WITH ('key' = 'value', ...)`.
public struct CreateTableStatement: Sendable, Hashable {
    public var name: ObjectName
    public var ifNotExists: Bool
    public var columns: [TableColumn]
    public var watermark: WatermarkDefinition?
    /// `PRIMARY KEY (a, b) NOT ENFORCED`.
    public var primaryKey: [Identifier]
    public var partitionedBy: [Identifier]
    /// The WITH options in the order written; keys are distinct.
    public var options: [TableOption]
    public var comment: String?

    public init(
        name: ObjectName,
        ifNotExists: Bool = false,
        columns: [TableColumn],
        watermark: WatermarkDefinition? = nil,
        primaryKey: [Identifier] = [],
        partitionedBy: [Identifier] = [],
        options: [TableOption],
        comment: String? = nil
    ) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.columns = columns
        self.watermark = watermark
        self.primaryKey = primaryKey
        self.partitionedBy = partitionedBy
        self.options = options
        self.comment = comment
    }
}

/// A column of CREATE TABLE.
public struct TableColumn: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Read from the record: `name TYPE`.
        case physical(SQLType)
        /// `name AS expression`, computed from the other columns.
        case computed(SQLExpression)
        /// `name TYPE METADATA [FROM 'key'] [VIRTUAL]`: the record's `timestamp`, `partition`, `offset`...
        case metadata(SQLType, key: String?, isVirtual: Bool)
    }

    public var name: Identifier
    public var kind: Kind
    public var comment: String?

    public init(name: Identifier, kind: Kind, comment: String? = nil) {
        self.name = name
        self.kind = kind
        self.comment = comment
    }
}

/// `WATERMARK FOR column AS expression`.
public struct WatermarkDefinition: Sendable, Hashable {
    public var column: Identifier
    public var expression: SQLExpression

    public init(column: Identifier, expression: SQLExpression) {
        self.column = column
        self.expression = expression
    }
}

/// One `'key' = 'value'` of a WITH clause.
public struct TableOption: Sendable, Hashable {
    public var key: String
    public var value: String
    public var location: SourceLocation

    public init(key: String, value: String, at location: SourceLocation) {
        self.key = key
        self.value = value
        self.location = location
    }
}

/// `CREATE [TEMPORARY] VIEW [IF NOT EXISTS] name [(column, ...)] AS query`.
public struct CreateViewStatement: Sendable, Hashable {
    public var name: ObjectName
    public var ifNotExists: Bool
    /// Names given to the query's columns, if listed.
    public var columnNames: [Identifier]
    public var query: SQLQuery

    public init(name: ObjectName, ifNotExists: Bool = false, columnNames: [Identifier] = [], query: SQLQuery) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.columnNames = columnNames
        self.query = query
    }
}

/// `INSERT INTO name [(column, ...)] query` (`INSERT OVERWRITE` is refused).
public struct InsertStatement: Sendable, Hashable {
    public var table: ObjectName
    public var columnNames: [Identifier]
    public var query: SQLQuery

    public init(table: ObjectName, columnNames: [Identifier] = [], query: SQLQuery) {
        self.table = table
        self.columnNames = columnNames
        self.query = query
    }
}
