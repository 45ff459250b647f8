/// A table of the catalog: its columns, its watermark and where its rows live.
public struct CatalogTable: Sendable, Hashable {
    public var name: String
    public var columns: [CatalogColumn]
    public var watermark: CatalogWatermark?
    public var connector: TableConnector
    public var primaryKey: [String]
    public var partitionedBy: [String]
    /// The CREATE TABLE statement, as written: what the catalog stores and `SHOW CREATE` would show.
    public var statement: String

    public init(
        name: String,
        columns: [CatalogColumn],
        watermark: CatalogWatermark?,
        connector: TableConnector,
        primaryKey: [String] = [],
        partitionedBy: [String] = [],
        statement: String
    ) {
        self.name = name
        self.columns = columns
        self.watermark = watermark
        self.connector = connector
        self.primaryKey = primaryKey
        self.partitionedBy = partitionedBy
        self.statement = statement
    }

    /// The columns the record's value holds, in order: what the format reads and writes.
    public var physicalColumns: [CatalogColumn] {
        columns.filter { if case .physical = $0.kind { true } else { false } }
    }

    /// The column named `name`.
    public func column(named name: String) -> CatalogColumn? {
        columns.first { $0.name == name }
    }
}

/// `WATERMARK FOR column AS expression`: the rowtime column and how far behind it the watermark is.
public struct CatalogWatermark: Sendable, Hashable {
    /// The event-time column.
    public var column: String
    public var expression: SQLExpression
    /// The watermark's delay behind the largest event time, in milliseconds: `column - INTERVAL`
    /// gives the interval, `column` alone zero.
    public var delayMilliseconds: Int64

    public init(column: String, expression: SQLExpression, delayMilliseconds: Int64) {
        self.column = column
        self.expression = expression
        self.delayMilliseconds = delayMilliseconds
    }
}
