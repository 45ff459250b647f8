/// One top-level column of a flat Parquet schema.
public struct ParquetColumn: Sendable, Hashable {
    /// The column name, as readers show it.
    public var name: String
    /// The type of the column's values.
    public var type: ParquetColumnType
    /// Whether rows may hold `.null` here; nullable columns carry definition levels in each page.
    public var isNullable: Bool

    /// Creates a column; columns are required (never null) unless `isNullable` is true.
    public init(name: String, type: ParquetColumnType, isNullable: Bool = false) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
    }
}
