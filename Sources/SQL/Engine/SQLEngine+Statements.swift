import Streams

extension SQLEngine {
    /// Checks and carries out one statement on `working`; `jobName` names a restored job.
    func apply(
        _ parsed: ParsedStatement,
        to working: inout WorkingSet,
        jobName: String?
    ) throws(SQLError)
        -> StatementResult
    {
        let text = parsed.text
        switch parsed.statement {
        case .createTable(let create):
            let existed = working.catalog.contains(create.name.name.value)
            let table = try TableBuilder.table(from: create, text: text)
            if case .kafka(let options) = table.connector, let servers = options.bootstrapServers,
                !configuration.isLocal(servers)
            {
                let option = create.options.first { $0.key == "properties.bootstrap.servers" }
                throw .unsupported(
                    "reading another Kafka cluster ('properties.bootstrap.servers' = '\(servers)') yet; without the"
                        + " option a table reads this server's own broker",
                    at: option?.location
                )
            }
            try working.catalog.add(table, ifNotExists: create.ifNotExists, at: create.name.location)
            if existed {
                return StatementResult(
                    kind: .unchanged,
                    statement: text,
                    name: table.name,
                    message: "Table '\(table.name)' already exists"
                )
            }
            return StatementResult(
                kind: .tableCreated,
                statement: text,
                name: table.name,
                message: "Table '\(table.name)' created"
            )

        case .createView(let create):
            let name = create.name.name.value
            if create.ifNotExists, working.catalog.views[name] != nil {
                return StatementResult(
                    kind: .unchanged,
                    statement: text,
                    name: name,
                    message: "View '\(name)' already exists"
                )
            }
            try Self.checkQueryName(name, at: create.name.location)
            guard create.name.parts.count == 1 || TableBuilder.isDefaultPath(create.name) else {
                throw .unsupported("catalogs and databases other than the default", at: create.name.location)
            }
            let plan = try planner(working.catalog).plan(create.query)
            let columns = try Self.rename(plan.columns, to: create.columnNames, at: create.name.location)
            let view = CatalogView(
                name: name,
                columns: columns.map { CatalogColumn(name: $0.name, type: $0.type) },
                query: create.query,
                statement: text
            )
            try working.catalog.add(view, ifNotExists: create.ifNotExists, at: create.name.location)
            try start(name: name, kind: .view, statement: text, plan: plan, columns: columns, sink: nil, in: &working)
            return StatementResult(kind: .viewCreated, statement: text, name: name, message: "View '\(name)' created")

        case .dropTable(let name, let ifExists):
            let tableName = name.name.value
            if working.catalog.tables[tableName] == nil, working.catalog.views[tableName] != nil {
                throw .validation("'\(tableName)' is a view: use DROP VIEW", at: name.location)
            }
            if working.catalog.tables[tableName] == nil {
                try working.catalog.dropTable(tableName, ifExists: ifExists, at: name.location)
                return StatementResult(
                    kind: .unchanged,
                    statement: text,
                    name: tableName,
                    message: "Table '\(tableName)' does not exist"
                )
            }
            try checkNotRead(tableName, by: working, at: name.location)
            try working.catalog.dropTable(tableName, ifExists: ifExists, at: name.location)
            return StatementResult(
                kind: .tableDropped,
                statement: text,
                name: tableName,
                message: "Table '\(tableName)' dropped"
            )

        case .dropView(let name, let ifExists):
            let viewName = name.name.value
            if working.catalog.views[viewName] == nil, working.catalog.tables[viewName] != nil {
                throw .validation("'\(viewName)' is a table: use DROP TABLE", at: name.location)
            }
            if working.catalog.views[viewName] == nil {
                try working.catalog.dropView(viewName, ifExists: ifExists, at: name.location)
                return StatementResult(
                    kind: .unchanged,
                    statement: text,
                    name: viewName,
                    message: "View '\(viewName)' does not exist"
                )
            }
            try checkNotRead(viewName, by: working, at: name.location)
            try working.catalog.dropView(viewName, ifExists: ifExists, at: name.location)
            stop(viewName, in: &working)
            return StatementResult(
                kind: .viewDropped,
                statement: text,
                name: viewName,
                message: "View '\(viewName)' dropped"
            )

        case .showTables:
            let names = working.catalog.creationOrder.sorted()
            return StatementResult(
                kind: .rows,
                statement: text,
                message: "\(names.count) tables and views",
                columns: ["table name"],
                rows: names.map { [$0] }
            )

        case .showViews:
            let names = working.catalog.views.keys.sorted()
            return StatementResult(
                kind: .rows,
                statement: text,
                message: "\(names.count) views",
                columns: ["view name"],
                rows: names.map { [$0] }
            )

        case .describe(let name):
            return try describe(name, in: working.catalog, statement: text)

        case .explain(let inner):
            let plan: PlanNode
            switch inner {
            case .query(let query): plan = try planner(working.catalog).plan(query)
            case .insert(let insert): plan = try planInsert(insert, in: working.catalog).plan
            case .createView(let create): plan = try planner(working.catalog).plan(create.query)
            default: throw .unsupported("EXPLAIN of anything but a query, a view or an INSERT", at: parsed.location)
            }
            return StatementResult(kind: .plan, statement: text, message: "The plan", plan: plan.explanation)

        case .query(let query):
            let plan = try planner(working.catalog).plan(query)
            var name = nextTemporaryName()
            while working.catalog.contains(name) || self.query(named: name) != nil { name = nextTemporaryName() }
            try start(
                name: name,
                kind: .temporary,
                statement: text,
                plan: plan,
                columns: plan.columns,
                sink: nil,
                in: &working
            )
            return StatementResult(
                kind: .queryStarted,
                statement: text,
                name: name,
                message: "Query running as temporary view '\(name)'"
            )

        case .insert(let insert):
            let (plan, table) = try planInsert(insert, in: working.catalog)
            var name = jobName ?? "insert_into_\(table.name)"
            if jobName == nil {
                var number = 1
                while working.jobs.contains(where: { $0.name == name }) || self.query(named: name) != nil {
                    number += 1
                    name = "insert_into_\(table.name)_\(number)"
                }
            }
            try start(
                name: name,
                kind: .job,
                statement: text,
                plan: plan,
                columns: plan.columns,
                sink: table,
                in: &working
            )
            working.jobs.append((name, text))
            return StatementResult(
                kind: .jobStarted,
                statement: text,
                name: name,
                message: "Job '\(name)' started, writing to '\(table.name)'"
            )

        case .set(let key, let value):
            return try set(key: key, value: value, statement: text, at: parsed.location)
        }
    }

    /// Plans `query` into a pipeline and queues it to start when the script commits.
    private func start(
        name: String,
        kind: RunningQuery.Kind,
        statement: String,
        plan: PlanNode,
        columns: [PlanColumn],
        sink: CatalogTable?,
        in working: inout WorkingSet
    ) throws(SQLError) {
        guard queryCount(working) < configuration.maximumQueries || kind == .temporary else {
            throw .execution(
                "There are \(configuration.maximumQueries) views and jobs already, the most this server runs"
                    + " (--sql-max-queries); drop one first"
            )
        }
        let query = try makeQuery(
            name: name,
            kind: kind,
            statement: statement,
            plan: plan,
            columns: columns,
            sink: sink
        )
        working.started.append(query)
    }

    private func stop(_ name: String, in working: inout WorkingSet) {
        if let index = working.started.firstIndex(where: { $0.name == name }) {
            working.started.remove(at: index)
        } else {
            working.stopped.append(name)
        }
    }

    /// A view or table that another view reads cannot be dropped.
    private func checkNotRead(_ name: String, by working: WorkingSet, at location: SourceLocation) throws(SQLError) {
        for view in working.catalog.views.values where view.name != name && view.query.referencedNames.contains(name) {
            throw .execution("'\(name)' is read by view '\(view.name)': drop the view first", at: location)
        }
        for job in working.jobs {
            if case .insert(let insert)? = try? SQLParser.parseStatement(job.statement),
                insert.query.referencedNames.contains(name) || insert.table.name.value == name
            {
                throw .execution("'\(name)' is used by job '\(job.name)': stop the job first", at: location)
            }
        }
    }

    /// Names views after CREATE VIEW's column list, when it has one.
    static func rename(
        _ columns: [PlanColumn],
        to names: [Identifier],
        at location: SourceLocation
    ) throws(SQLError)
        -> [PlanColumn]
    {
        guard !names.isEmpty else { return columns }
        guard names.count == columns.count else {
            throw .validation(
                "The view lists \(names.count) column names for a query of \(columns.count) columns",
                at: location
            )
        }
        return zip(columns, names).map { column, name in
            var renamed = column
            renamed.name = name.value
            return renamed
        }
    }

    /// View and job names become parts of URLs and checkpoint directories: letters, digits, `_`.
    static func checkQueryName(_ name: String, at location: SourceLocation) throws(SQLError) {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x5F
        }
        guard allowed, !name.isEmpty, name.utf8.count <= 100, !(name.utf8.first! >= 0x30 && name.utf8.first! <= 0x39)
        else {
            throw .validation(
                "View name '\(name)' must be 1 to 100 letters, digits and underscores, not starting with a digit:"
                    + " it is part of the view's URLs",
                at: location
            )
        }
    }

    private func describe(
        _ name: ObjectName,
        in catalog: SQLCatalog,
        statement: String
    ) throws(SQLError) -> StatementResult {
        let objectName = name.name.value
        let columns: [String] = ["name", "type", "null", "key", "extras", "watermark"]
        if let table = catalog.tables[objectName] {
            let rows: [[String?]] = table.columns.map { column in
                var extras: String?
                switch column.kind {
                case .physical: extras = nil
                case .computed: extras = "AS ..."
                case .metadata(let key, let isVirtual):
                    extras = "METADATA FROM '\(key)'" + (isVirtual ? " VIRTUAL" : "")
                }
                let isRowtime = table.watermark?.column == column.name
                return [
                    column.name,
                    column.type.kind.description + (isRowtime ? " *ROWTIME*" : ""),
                    column.type.isNullable ? "TRUE" : "FALSE",
                    table.primaryKey.contains(column.name) ? "PRI(\(table.primaryKey.joined(separator: ", ")))" : nil,
                    extras,
                    isRowtime ? table.watermark.map { "`\($0.column)` - \($0.delayMilliseconds) ms" } : nil,
                ]
            }
            return StatementResult(
                kind: .rows,
                statement: statement,
                name: objectName,
                message: "Table '\(objectName)'",
                columns: columns,
                rows: rows
            )
        }
        if let view = catalog.views[objectName] {
            let rows: [[String?]] = view.columns.map { column in
                [column.name, column.type.kind.description, column.type.isNullable ? "TRUE" : "FALSE", nil, nil, nil]
            }
            return StatementResult(
                kind: .rows,
                statement: statement,
                name: objectName,
                message: "View '\(objectName)'",
                columns: columns,
                rows: rows
            )
        }
        throw .validation("Table or view with identifier '\(objectName)' does not exist", at: name.location)
    }

    /// Flink's session settings that make sense here; everything else is refused by name.
    private func set(
        key: String?,
        value: String?,
        statement: String,
        at location: SourceLocation
    ) throws(SQLError) -> StatementResult {
        let fixed: [(String, String)] = [("execution.runtime-mode", "streaming"), ("table.local-time-zone", "UTC")]
        guard let key else {
            return StatementResult(
                kind: .rows,
                statement: statement,
                message: "Session settings",
                columns: ["key", "value"],
                rows: fixed.map { [$0.0, $0.1] }
            )
        }
        if let setting = fixed.first(where: { $0.0 == key }) {
            guard value == setting.1 else {
                throw .unsupported("'\(key)' = '\(value ?? "")'; Kibitz runs with '\(setting.1)'", at: location)
            }
            return StatementResult(kind: .unchanged, statement: statement, message: "'\(key)' is '\(setting.1)'")
        }
        if key.hasPrefix("sql-client.") || key == "parallelism.default" || key.hasPrefix("pipeline.") {
            return StatementResult(kind: .unchanged, statement: statement, message: "'\(key)' has no effect in Kibitz")
        }
        throw .unsupported("the setting '\(key)'", at: location)
    }
}

extension SQLQuery {
    /// The tables and views the query reads, by name.
    var referencedNames: Set<String> {
        var names: Set<String> = []
        func visit(_ query: SQLQuery) {
            switch query.body {
            case .select(let select): select.from.map(visit)
            case .nested(let inner): visit(inner)
            case .values: break
            case .setOperation(_, _, let left, let right):
                visit(left)
                visit(right)
            }
        }
        func visit(_ reference: TableReference) {
            switch reference {
            case .table(let name, _): names.insert(name.name.value)
            case .subquery(let query, _): visit(query)
            case .windowFunction(let function, _): visit(function.input)
            case .join(let left, _, let right, _):
                visit(left)
                visit(right)
            }
        }
        visit(self)
        return names
    }
}
