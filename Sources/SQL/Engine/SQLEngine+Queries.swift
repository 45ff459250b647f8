import Foundation
import Streams

extension SQLEngine {
    /// A continuous query for `plan`: its pipeline, the view it keeps or the table it writes, and
    /// its runner; not started.
    func makeQuery(
        name: String,
        kind: RunningQuery.Kind,
        statement: String,
        plan: PlanNode,
        columns: [PlanColumn],
        sink: CatalogTable?
    ) throws(SQLError) -> RunningQuery {
        // Flink fires a window [s, e) when its watermark reaches e - 1, where Streams' window
        // operator waits for e: Streams' watermark runs one millisecond ahead of Flink's.
        let delay = plan.scannedTables.compactMap { $0.watermark?.delayMilliseconds }.max() ?? 0
        let pipeline = Pipeline(
            name: Self.pipelineName(name),
            configuration: PipelineConfiguration(
                allowedOutOfOrdernessMilliseconds: delay - 1,
                checkpointIntervalMilliseconds: configuration.checkpointIntervalMilliseconds
            )
        )
        let changes = try PlanCompiler(pipeline: pipeline, plan: plan).compile(plan)
        var view: MaterializedView?
        var tableWriter: ParquetTableWriter?
        if let sink {
            tableWriter = try write(changes, to: sink, job: name)
        } else {
            do {
                view = try MaterializedView.materialize(
                    changes,
                    name: "view",
                    maximumRowCount: plan.isInsertOnly ? configuration.maximumViewRows : nil
                )
            } catch {
                throw .execution("cannot keep the view's rows: \(error)")
            }
        }
        let runner = PipelineRunner(
            pipeline: pipeline,
            storage: storage,
            checkpointDirectory: PipelineRunner.checkpointDirectory(
                dataDirectory: dataDirectory,
                pipeline: pipeline.name
            ),
            logger: logger
        )
        return RunningQuery(
            name: name,
            kind: kind,
            statement: statement,
            columns: columns,
            plan: plan,
            pipeline: pipeline,
            view: view,
            runner: runner,
            tableWriter: tableWriter
        )
    }

    /// Appends the rows of an INSERT INTO job to its table; for a filesystem table, the writer that
    /// rolls them into files.
    private func write(
        _ changes: Streams.Stream<RowChange>,
        to table: CatalogTable,
        job: String
    ) throws(SQLError) -> ParquetTableWriter? {
        switch table.connector {
        case .blackhole:
            // The rows go nowhere; the operators that make them still run, as Flink's blackhole does.
            break
        case .kafka(let options):
            let physical = table.physicalColumns
            let format = try RowFormats.make(
                format: options.format,
                columns: physical.map { SQLType.Field(name: $0.name, type: $0.type) },
                options: options.formatOptions
            )
            let key = try KeyEncoder(options: options, columns: physical)
            changes.sink(topic: options.topic) { change in
                guard change.kind.isAccumulate else { return nil }
                return (key?.key(of: change.row), Data(format.encode(change.row)))
            }
        case .filesystem(let options):
            let writer = try ParquetTableWriter(
                job: job,
                layout: ParquetTableLayout(table: table, path: options.path, dataDirectory: dataDirectory),
                dataDirectory: dataDirectory,
                storage: storage,
                rollIntervalMilliseconds: options.rolloverIntervalMilliseconds
                    ?? configuration.checkpointIntervalMilliseconds,
                logger: logger
            )
            changes.sink(topic: writer.stagingTopic) { change in
                guard change.kind.isAccumulate else { return nil }
                return (nil, writer.stagingRecord(of: change.row))
            }
            return writer
        }
        return nil
    }

    /// A planner over `catalog` with the engine's limits.
    func planner(_ catalog: SQLCatalog) -> QueryPlanner {
        QueryPlanner(catalog: catalog, maximumWindowsPerRow: configuration.maximumWindowsPerRow)
    }

    /// The plan of an INSERT INTO, its result in the table's column order and types, and the table.
    func planInsert(
        _ insert: InsertStatement,
        in catalog: SQLCatalog
    ) throws(SQLError) -> (plan: PlanNode, table: CatalogTable) {
        let name = insert.table.name.value
        guard let table = catalog.tables[name] else {
            if catalog.views[name] != nil {
                throw .validation("'\(name)' is a view; INSERT INTO writes to a table", at: insert.table.location)
            }
            throw .validation("Table '\(name)' not found", at: insert.table.location)
        }
        let query = try planner(catalog).plan(insert.query)
        let targets = table.physicalColumns
        var sources: [Int?] = Array(repeating: nil, count: targets.count)
        if insert.columnNames.isEmpty {
            guard query.columns.count == targets.count else {
                throw .validation(
                    "Column count mismatch: the query gives \(query.columns.count) columns and table '\(name)' has"
                        + " \(targets.count)",
                    at: insert.query.location
                )
            }
            sources = targets.indices.map { $0 }
        } else {
            guard insert.columnNames.count == query.columns.count else {
                throw .validation(
                    "Column count mismatch: \(insert.columnNames.count) columns listed, the query gives \(query.columns.count)",
                    at: insert.query.location
                )
            }
            for (position, column) in insert.columnNames.enumerated() {
                guard let target = targets.firstIndex(where: { $0.name == column.value }) else {
                    throw .validation("Unknown target column '\(column.value)' of table '\(name)'", at: column.location)
                }
                sources[target] = position
            }
        }
        if table.connector != .blackhole, !query.isInsertOnly {
            throw .validation(
                "Table sink 'default_catalog.default_database.\(name)' doesn't support consuming update changes:"
                    + " the query updates its rows (a GROUP BY without windows, a Top-N, an outer join)",
                at: insert.query.location
            )
        }
        // The query's columns, cast to the table's types in the table's order.
        let scope = RowScope(
            columns: query.columns.indices.map { RowScope.Column(name: "$\($0)", type: query.columns[$0].type) }
        )
        let compiler = ExpressionCompiler(scope: scope)
        var expressions: [CompiledExpression] = []
        for (target, source) in zip(targets, sources) {
            guard let source else {
                guard target.type.isNullable else {
                    throw .validation(
                        "Column '\(target.name)' is NOT NULL and the INSERT gives it no value",
                        at: insert.query.location
                    )
                }
                expressions.append(.constant(.null, type: target.type))
                continue
            }
            let sourceType = query.columns[source].type
            // As Flink's sink: a value converts to a column of its type family (a number to any
            // number, DECIMAL(24, 3) into DECIMAL(23, 3) included; a string to any string; a
            // timestamp to either timestamp), checked per row when it is written.
            let sameFamily =
                (sourceType.isNumeric && target.type.isNumeric)
                || (sourceType.isCharacterString && target.type.isCharacterString)
                || (sourceType.isTimestamp && target.type.isTimestamp)
            guard
                sameFamily || TypeMerging.commonType([sourceType, target.type])?.kind == target.type.kind
                    || sourceType.kind == .null
            else {
                throw .validation(
                    "Incompatible types for sink column '\(target.name)': the query gives \(sourceType), the table has"
                        + " \(target.type)",
                    at: insert.query.location
                )
            }
            let reference = SQLExpression(
                .column(qualifier: nil, name: Identifier("$\(source)")),
                at: insert.query.location
            )
            expressions.append(
                try compiler.compile(
                    SQLExpression(.cast(reference, target.type.nullable, isTry: false), at: insert.query.location)
                )
            )
        }
        let columns = targets.map { PlanColumn(name: $0.name, type: $0.type) }
        let plan = PlanNode(
            .project(expressions, passthrough: sources),
            inputs: [query],
            columns: columns,
            isInsertOnly: query.isInsertOnly
        )
        return (plan, table)
    }
}

/// Writes the record key of a row for a Kafka table with `key.fields`.
struct KeyEncoder {
    private let columns: [Int]
    private let types: [SQLType]
    private let json: JSONRowFormat?

    init?(options: KafkaTableOptions, columns physical: [CatalogColumn]) throws(SQLError) {
        guard !options.keyFields.isEmpty else { return nil }
        var columns: [Int] = []
        for field in options.keyFields {
            guard let index = physical.firstIndex(where: { $0.name == field }) else {
                throw .validation("'key.fields' names '\(field)', which is not a column of the table")
            }
            columns.append(index)
        }
        self.columns = columns
        types = columns.map { physical[$0].type }
        if options.keyFormat == "json" {
            json = try JSONRowFormat(
                columns: columns.map { SQLType.Field(name: physical[$0].name, type: physical[$0].type) }
            )
        } else {
            guard columns.count == 1 else {
                throw .validation("A 'raw' key holds one column; 'key.fields' names \(columns.count)")
            }
            json = nil
        }
    }

    func key(of row: SQLRow) -> String? {
        if let json { return String(decoding: json.encode(columns.map { row[$0] }), as: UTF8.self) }
        return row[columns[0]].text(as: types[0])
    }
}
