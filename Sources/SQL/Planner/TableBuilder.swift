/// Checks a CREATE TABLE statement and makes the catalog's table from it: column types (computed
/// columns typed by compiling them), the watermark, the connector and its options.
struct TableBuilder {
    /// The metadata a Kafka table can read, with the type Flink gives it.
    static let kafkaMetadata: [String: SQLType] = [
        "timestamp": SQLType(.timestampWithLocalTimeZone(precision: 3)),
        "partition": SQLType.integer,
        "offset": SQLType.bigInt,
        "topic": SQLType.string,
    ]

    static func table(from statement: CreateTableStatement, text: String) throws(SQLError) -> CatalogTable {
        guard statement.name.parts.count == 1 || Self.isDefaultPath(statement.name) else {
            throw .unsupported("catalogs and databases other than the default", at: statement.name.location)
        }
        let connector = try TableConnector.make(options: statement.options, at: statement.name.location)
        var columns: [CatalogColumn] = []
        var seen: Set<String> = []
        for column in statement.columns {
            guard seen.insert(column.name.value).inserted else {
                throw .validation("Column '\(column.name.value)' is defined twice", at: column.name.location)
            }
            switch column.kind {
            case .physical(let type):
                columns.append(CatalogColumn(name: column.name.value, type: type))
            case .metadata(let type, let key, let isVirtual):
                let metadataKey = key ?? column.name.value
                guard case .kafka = connector else {
                    throw .unsupported(
                        "metadata columns of the '\(connector.name)' connector",
                        at: column.name.location
                    )
                }
                guard let available = kafkaMetadata[metadataKey] else {
                    throw .validation(
                        "Invalid metadata key '\(metadataKey)'. Kibitz's kafka tables have: "
                            + kafkaMetadata.keys.sorted().joined(separator: ", "),
                        at: column.name.location
                    )
                }
                guard available.kind == type.kind || (available.isTimestamp && type.isTimestamp) else {
                    throw .validation(
                        "Metadata '\(metadataKey)' is of type \(available), not \(type)",
                        at: column.name.location
                    )
                }
                columns.append(
                    CatalogColumn(
                        name: column.name.value,
                        type: type,
                        kind: .metadata(key: metadataKey, isVirtual: isVirtual)
                    )
                )
            case .computed:
                break
            }
        }
        // Computed columns see the physical and metadata columns, in any order of declaration.
        let base = columns.map { PlanColumn(name: $0.name, type: $0.type) }
        var ordered: [CatalogColumn] = []
        for column in statement.columns {
            if case .computed(let expression) = column.kind {
                let compiled = try ExpressionCompiler(scope: base.scope).compile(expression)
                ordered.append(CatalogColumn(name: column.name.value, type: compiled.type, kind: .computed(expression)))
            } else if let declared = columns.first(where: { $0.name == column.name.value }) {
                ordered.append(declared)
            }
        }
        let watermark = try statement.watermark.map { definition throws(SQLError) in
            try Self.watermark(definition, columns: ordered)
        }
        for key in statement.primaryKey + statement.partitionedBy
        where !ordered.contains(where: { $0.name == key.value }) {
            throw .validation("Column '\(key.value)' not found in the table", at: key.location)
        }
        if case .kafka(let options) = connector {
            // The format and the key are made when a query reads or writes the table; made once
            // here, so that an unknown option or key column is refused by CREATE TABLE itself.
            let physical = ordered.filter { if case .physical = $0.kind { true } else { false } }
            do {
                _ = try RowFormats.make(
                    format: options.format,
                    columns: physical.map { SQLType.Field(name: $0.name, type: $0.type) },
                    options: options.formatOptions
                )
                _ = try KeyEncoder(options: options, columns: physical)
            } catch {
                let option = statement.options.first { error.message.contains($0.key) }
                throw SQLError(
                    error.kind,
                    error.message,
                    at: error.location ?? option?.location ?? statement.name.location
                )
            }
        }
        return CatalogTable(
            name: statement.name.name.value,
            columns: ordered,
            watermark: watermark,
            connector: connector,
            primaryKey: statement.primaryKey.map(\.value),
            partitionedBy: statement.partitionedBy.map(\.value),
            statement: text
        )
    }

    /// `default_catalog.default_database.name` and `default_database.name` are the name itself.
    static func isDefaultPath(_ name: ObjectName) -> Bool {
        let prefix = name.parts.dropLast().map(\.value)
        return prefix == ["default_database"] || prefix == ["default_catalog", "default_database"]
    }

    /// `WATERMARK FOR column AS column [- INTERVAL ...]` on a TIMESTAMP(3) or TIMESTAMP_LTZ(3) column.
    static func watermark(
        _ definition: WatermarkDefinition,
        columns: [CatalogColumn]
    ) throws(SQLError)
        -> CatalogWatermark
    {
        guard let column = columns.first(where: { $0.name == definition.column.value }) else {
            throw .validation(
                "The rowtime attribute field '\(definition.column.value)' is not defined in the table schema",
                at: definition.column.location
            )
        }
        switch column.type.kind {
        case .timestamp(let precision) where precision <= 3,
            .timestampWithLocalTimeZone(let precision) where precision <= 3:
            break
        default:
            throw .validation(
                "Invalid data type of time field for watermark definition. The field must be of type TIMESTAMP(p)"
                    + " or TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but the time field type is"
                    + " \(column.type)",
                at: definition.column.location
            )
        }
        let delay: Int64
        switch definition.expression.kind {
        case .column(nil, let name) where name.value == column.name:
            delay = 0
        case .binary(.subtract, let left, let right):
            guard case .column(nil, let name) = left.kind, name.value == column.name else {
                throw .unsupported(
                    "a watermark other than 'column' or 'column - INTERVAL ...'",
                    at: definition.expression.location
                )
            }
            let interval = try ExpressionCompiler(scope: RowScope(columns: [])).compile(right)
            guard case .dayTimeInterval(let milliseconds)? = interval.constantValue else {
                throw .unsupported("a watermark delay that is not a constant day-time INTERVAL", at: right.location)
            }
            delay = milliseconds
        default:
            throw .unsupported(
                "a watermark other than 'column' or 'column - INTERVAL ...'",
                at: definition.expression.location
            )
        }
        return CatalogWatermark(column: column.name, expression: definition.expression, delayMilliseconds: delay)
    }
}
