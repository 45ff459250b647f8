/// A column of the rows a plan node produces.
public struct PlanColumn: Sendable, Hashable {
    public var name: String
    public var type: SQLType
    /// The table name or alias that qualifies the column in the query that reads it.
    public var qualifier: String?
    /// Whether the column is an event-time attribute: it drives watermarks and windows
    /// (Flink's `*ROWTIME*`).
    public var isRowtime: Bool

    public init(name: String, type: SQLType, qualifier: String? = nil, isRowtime: Bool = false) {
        self.name = name
        self.type = type
        self.qualifier = qualifier
        self.isRowtime = isRowtime
    }
}

extension Array where Element == PlanColumn {
    /// The scope through which expressions over these columns are compiled.
    var scope: RowScope {
        RowScope(columns: map { RowScope.Column(qualifier: $0.qualifier, name: $0.name, type: $0.type) })
    }

    /// The same columns, all qualified by `qualifier` (a FROM item's alias).
    func qualified(by qualifier: String?) -> [PlanColumn] {
        map { column in
            var column = column
            column.qualifier = qualifier
            return column
        }
    }
}
