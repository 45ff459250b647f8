import Streams

/// Makes a table's rows from its topic's records: the format decodes the value's physical
/// columns, the record gives the metadata columns, and computed columns are evaluated over those.
struct TableRowDecoder: Sendable {
    private enum Source: Sendable {
        /// A position among the columns that are not computed.
        case base(Int)
        case computed(CompiledExpression)
    }

    private enum BaseSource: Sendable {
        case physical(Int)
        case metadata(String)
    }

    private let format: any RowFormat
    private let baseSources: [BaseSource]
    private let sources: [Source]
    private let rowtime: (column: Int, name: String)?
    /// Whether the base columns are the format's values in order (no metadata column).
    private let hasOnlyPhysicalBase: Bool
    /// The computed columns when they all come after the base columns, in order; nil otherwise.
    private let computedTail: [CompiledExpression]?

    init(table: CatalogTable, options: KafkaTableOptions) throws(SQLError) {
        let physical = table.physicalColumns
        format = try RowFormats.make(
            format: options.format,
            columns: physical.map { SQLType.Field(name: $0.name, type: $0.type) },
            options: options.formatOptions
        )
        var baseSources: [BaseSource] = []
        var baseColumns: [PlanColumn] = []
        for column in table.columns {
            switch column.kind {
            case .physical:
                baseSources.append(
                    .physical(baseSources.filter { if case .physical = $0 { true } else { false } }.count)
                )
                baseColumns.append(PlanColumn(name: column.name, type: column.type))
            case .metadata(let key, _):
                baseSources.append(.metadata(key))
                baseColumns.append(PlanColumn(name: column.name, type: column.type))
            case .computed:
                break
            }
        }
        var sources: [Source] = []
        var baseIndex = 0
        for column in table.columns {
            if case .computed(let expression) = column.kind {
                sources.append(.computed(try ExpressionCompiler(scope: baseColumns.scope).compile(expression)))
            } else {
                sources.append(.base(baseIndex))
                baseIndex += 1
            }
        }
        self.baseSources = baseSources
        self.sources = sources
        hasOnlyPhysicalBase = baseSources.allSatisfy { if case .physical = $0 { true } else { false } }
        let tail = sources.dropFirst(baseSources.count)
        let baseFirst = sources.prefix(baseSources.count).enumerated().allSatisfy { position, source in
            if case .base(let index) = source { index == position } else { false }
        }
        computedTail =
            baseFirst
            ? tail.compactMap { source in if case .computed(let expression) = source { expression } else { nil } }
            : nil
        rowtime = table.watermark.flatMap { watermark in
            table.columns.firstIndex { $0.name == watermark.column }.map { ($0, watermark.column) }
        }
    }

    /// The row of one record; nil when the format skips it (ignore-parse-errors).
    func decode(_ bytes: UnsafeRawBufferPointer, metadata: SourceRecordMetadata) throws(SQLError) -> SQLRow? {
        guard var row = try format.decode(bytes) else { return nil }
        if !hasOnlyPhysicalBase {
            // Otherwise the format's values are the base columns already: no copy per record.
            let values = row
            row = []
            row.reserveCapacity(baseSources.count)
            for source in baseSources {
                switch source {
                case .physical(let index): row.append(values[index])
                case .metadata(let key): row.append(Self.metadata(key, of: metadata))
                }
            }
        }
        if sources.count == row.count, rowtime == nil { return row }
        if let computedTail {
            // The computed columns come last (the usual `rt AS ...`) and read only base columns:
            // append them to the row in place.
            row.reserveCapacity(sources.count)
            for expression in computedTail {
                let value = try expression.evaluate(row)
                row.append(value)
            }
        } else {
            let base = row
            row = []
            row.reserveCapacity(sources.count)
            for source in sources {
                switch source {
                case .base(let index): row.append(base[index])
                case .computed(let expression): row.append(try expression.evaluate(base))
                }
            }
        }
        if let rowtime, row[rowtime.column].isNull {
            throw .execution(
                "The time attribute '\(rowtime.name)' is NULL: a row without event time cannot be windowed"
            )
        }
        return row
    }

    private static func metadata(_ key: String, of record: SourceRecordMetadata) -> SQLValue {
        switch key {
        case "timestamp": .timestamp(record.timestamp)
        case "partition": .integer(Int64(record.partition))
        case "offset": .integer(record.offset)
        case "topic": .string(record.topic)
        default: .null
        }
    }
}
