import Gzip

/// Writes rows of a flat schema to a Parquet file, atomically.
///
/// ```swift
/// let writer = try ParquetWriter(path: path, schema: GameMeta.parquetSchema)
/// try writer.write(rows)
/// try writer.close()
/// ```
///
/// Rows are buffered per column and written as a row group every `rowGroupSize` rows; each column
/// chunk is one version 1 data page, PLAIN encoded, compressed as configured. The file grows under a
/// hidden temporary name beside `path`; `close()` writes the footer, syncs, and renames it to `path`
/// (replacing any file there). A writer dropped or cancelled before `close()` deletes its temporary
/// file, and a crash leaves at most that hidden file, never a partial file under `path`.
///
/// The directory of `path` must exist. A writer is used from one task at a time.
public final class ParquetWriter {
    /// The schema every row must fit.
    public let schema: ParquetSchema
    /// The final path of the file.
    public let path: String
    /// The page compression.
    public let compression: ParquetCompression
    /// How many rows go into each row group (the last one may hold fewer).
    public let rowGroupSize: Int
    /// Rows accepted so far, written or buffered.
    public private(set) var rowCount = 0

    private let createdBy: String
    private var output: AtomicFileOutput?
    private var columns: [ColumnChunkBuilder]
    private var bufferedRowCount = 0
    /// Bytes in the file so far: page offsets in the footer count from the start of the file.
    private var fileOffset = 0
    private var rowGroups: [RowGroupMetadata] = []

    /// The magic bytes "PAR1" that open and close every Parquet file.
    static let magic: [UInt8] = Array("PAR1".utf8)

    /// Creates the temporary file and writes the leading magic bytes.
    ///
    /// - Parameters:
    ///   - path: where the finished file appears on `close()`.
    ///   - schema: the columns; names must be non-empty and unique.
    ///   - compression: page compression, gzip unless told otherwise.
    ///   - rowGroupSize: rows per row group, at least 1. Larger groups compress better and cost memory.
    ///   - createdBy: the application name recorded in the footer.
    public init(
        path: String,
        schema: ParquetSchema,
        compression: ParquetCompression = .gzip,
        rowGroupSize: Int = 65_536,
        createdBy: String = "kibitz"
    ) throws(ParquetError) {
        try schema.validate()
        guard rowGroupSize > 0 else { throw .invalidRowGroupSize(rowGroupSize) }
        self.schema = schema
        self.path = path
        self.compression = compression
        self.rowGroupSize = rowGroupSize
        self.createdBy = createdBy
        columns = schema.columns.map { ColumnChunkBuilder(column: $0) }
        let output = try AtomicFileOutput(path: path)
        try output.append(Self.magic)
        fileOffset = Self.magic.count
        self.output = output
    }

    /// Creates a writer for rows of one `ParquetRowEncodable` type, with that type's schema.
    public convenience init<Row: ParquetRowEncodable>(
        path: String,
        rowType: Row.Type,
        compression: ParquetCompression = .gzip,
        rowGroupSize: Int = 65_536,
        createdBy: String = "kibitz"
    ) throws(ParquetError) {
        try self.init(
            path: path,
            schema: Row.parquetSchema,
            compression: compression,
            rowGroupSize: rowGroupSize,
            createdBy: createdBy
        )
    }

    /// Appends rows, each listing one value per column in schema order.
    ///
    /// All rows are checked before any is taken, so a bad row throws and leaves the writer as it was.
    public func write(_ rows: some Collection<[ParquetValue]>) throws(ParquetError) {
        guard output != nil else { throw .writerClosed }
        for (index, row) in rows.enumerated() { try check(row, index: index) }
        for row in rows { try append(row) }
    }

    /// Appends one row.
    public func write(row: [ParquetValue]) throws(ParquetError) {
        try write(CollectionOfOne(row))
    }

    /// Appends typed rows; their type's schema must equal the writer's.
    public func write<Row: ParquetRowEncodable>(_ rows: some Collection<Row>) throws(ParquetError) {
        guard Row.parquetSchema == schema else { throw .schemaMismatch }
        try write(rows.map(\.parquetValues))
    }

    /// Writes the buffered rows and the footer, syncs, and moves the file to `path`.
    ///
    /// A file with no rows is valid: it has the schema and no row groups.
    public func close() throws(ParquetError) {
        guard let output else { throw .writerClosed }
        do {
            if bufferedRowCount > 0 { try flushRowGroup() }
            let footer = FileMetadata(
                schema: schema,
                rowCount: Int64(rowCount),
                rowGroups: rowGroups,
                createdBy: createdBy
            ).encoded
            try output.append(footer + PlainEncoding.littleEndian(UInt32(footer.count)) + Self.magic)
            try output.commit()
            self.output = nil
        } catch {
            cancel()
            throw error
        }
    }

    /// Abandons the file: deletes the temporary file and leaves `path` untouched.
    public func cancel() {
        output?.discard()
        output = nil
    }

    // MARK: Rows and row groups

    private func check(_ row: [ParquetValue], index: Int) throws(ParquetError) {
        guard row.count == columns.count else {
            throw .rowWidthMismatch(row: index, expected: columns.count, actual: row.count)
        }
        for (column, value) in zip(schema.columns, row) {
            let fits = value == .null ? column.isNullable : column.type.accepts(value)
            guard fits else { throw .invalidValue(row: index, column: column.name, type: column.type, value: value) }
        }
    }

    private func append(_ row: [ParquetValue]) throws(ParquetError) {
        for index in columns.indices { columns[index].append(row[index]) }
        bufferedRowCount += 1
        rowCount += 1
        if bufferedRowCount >= rowGroupSize {
            do {
                try flushRowGroup()
            } catch {
                // The file cannot be trusted after a failed write; make later calls fail clearly.
                cancel()
                throw error
            }
        }
    }

    /// Writes each column's buffered values as one page and records the row group for the footer.
    private func flushRowGroup() throws(ParquetError) {
        guard let output else { throw .writerClosed }
        var chunks: [ColumnChunkMetadata] = []
        var bytes: [UInt8] = []
        for index in columns.indices {
            let column = columns[index]
            let body = column.pageBody
            let stored: [UInt8]
            switch compression {
            case .uncompressed:
                stored = body
            case .gzip:
                do throws(GzipError) {
                    stored = try GzipCompressor.compress(body)
                } catch {
                    throw .compressionFailed(error.description)
                }
            }
            guard body.count <= Int32.max && stored.count <= Int32.max else {
                throw .pageTooLarge(column: column.column.name, byteCount: Swift.max(body.count, stored.count))
            }
            let header = PageHeader(
                uncompressedSize: Int32(body.count),
                compressedSize: Int32(stored.count),
                valueCount: Int32(column.valueCount)
            ).encoded
            chunks.append(
                ColumnChunkMetadata(
                    physicalType: column.column.type.physicalType,
                    encodings: column.column.isNullable ? [.plain, .runLength] : [.plain],
                    path: [column.column.name],
                    codec: compression == .gzip ? .gzip : .uncompressed,
                    valueCount: Int64(column.valueCount),
                    totalUncompressedSize: Int64(header.count + body.count),
                    totalCompressedSize: Int64(header.count + stored.count),
                    dataPageOffset: Int64(fileOffset + bytes.count),
                    statistics: column.statistics.metadata(for: column.column.type)
                )
            )
            bytes += header
            bytes += stored
            columns[index].reset()
        }
        try output.append(bytes)
        fileOffset += bytes.count
        rowGroups.append(
            RowGroupMetadata(
                columns: chunks,
                rowCount: Int64(bufferedRowCount),
                ordinal: Int16(exactly: rowGroups.count)
            )
        )
        bufferedRowCount = 0
    }
}

/// A writer holds a file and buffered rows that one task mutates; share it through an actor instead.
@available(*, unavailable)
extension ParquetWriter: Sendable {}
