/// What went wrong while writing a Parquet file.
public enum ParquetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The schema cannot be written (no columns, an empty or repeated name).
    case invalidSchema(String)
    /// The row group size is not positive.
    case invalidRowGroupSize(Int)
    /// A row lists a different number of values than the schema has columns.
    case rowWidthMismatch(row: Int, expected: Int, actual: Int)
    /// A value does not fit its column: wrong kind, out of range, or null in a required column.
    case invalidValue(row: Int, column: String, type: ParquetColumnType, value: ParquetValue)
    /// Typed rows were written whose `parquetSchema` differs from the writer's schema.
    case schemaMismatch
    /// The writer was used after `close()` or `cancel()`, or after an earlier write failed.
    case writerClosed
    /// One page would exceed the 2 GiB that a page header can describe; use smaller row groups.
    case pageTooLarge(column: String, byteCount: Int)
    /// zlib reported a failure.
    case compressionFailed(String)
    /// A file system call failed; `code` is the `errno` value.
    case fileSystem(operation: String, path: String, code: Int32)

    public var description: String {
        switch self {
        case .invalidSchema(let reason):
            "invalid Parquet schema: \(reason)"
        case .invalidRowGroupSize(let size):
            "the row group size must be positive, not \(size)"
        case .rowWidthMismatch(let row, let expected, let actual):
            "row \(row) has \(actual) values but the schema has \(expected) columns"
        case .invalidValue(let row, let column, let type, let value):
            "row \(row): \(value) does not fit column \"\(column)\" of type \(type)"
        case .schemaMismatch:
            "the rows' Parquet schema differs from the writer's schema"
        case .writerClosed:
            "the Parquet writer is closed"
        case .pageTooLarge(let column, let byteCount):
            "a page of column \"\(column)\" would hold \(byteCount) bytes, more than a page can; use smaller row groups"
        case .compressionFailed(let detail):
            "gzip compression failed: \(detail)"
        case .fileSystem(let operation, let path, let code):
            "\(operation) failed for \(path): errno \(code)"
        }
    }
}
