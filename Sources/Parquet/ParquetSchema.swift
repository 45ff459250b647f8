/// The columns of a flat Parquet file, in the order that every row lists its values.
///
/// Nesting and repetition are out of scope: each column is a top-level leaf, required or nullable.
public struct ParquetSchema: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// The columns, in file order.
    public var columns: [ParquetColumn]

    /// Creates a schema from its columns; `ParquetWriter` checks that names are present and unique.
    public init(_ columns: [ParquetColumn]) {
        self.columns = columns
    }

    public init(arrayLiteral columns: ParquetColumn...) {
        self.columns = columns
    }

    /// Throws unless the schema can be written: at least one column, names non-empty and unique.
    public func validate() throws(ParquetError) {
        guard !columns.isEmpty else { throw .invalidSchema("a schema needs at least one column") }
        var seen: Set<String> = []
        for column in columns {
            guard !column.name.isEmpty else { throw .invalidSchema("a column name is empty") }
            guard seen.insert(column.name).inserted else {
                throw .invalidSchema("the column name \"\(column.name)\" appears more than once")
            }
            if case .decimal(let precision, let scale) = column.type,
                !(1...ParquetColumnType.maximumDecimalPrecision).contains(precision) || !(0...precision).contains(scale)
            {
                throw .invalidSchema(
                    "the column \"\(column.name)\" is decimal(\(precision), \(scale)): the precision must be 1 to"
                        + " \(ParquetColumnType.maximumDecimalPrecision) and the scale 0 to the precision"
                )
            }
        }
    }
}
