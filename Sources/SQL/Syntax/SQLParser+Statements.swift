extension SQLParser {
    /// Statements that Flink has and Kibitz does not run, by their first word.
    private static let unsupportedStatements: Set<String> = [
        "ALTER", "ANALYZE", "ADD", "CALL", "DELETE", "LOAD", "MERGE", "REMOVE", "RESET", "TRUNCATE", "UNLOAD",
        "UPDATE", "USE",
    ]

    /// One statement, up to (not including) its semicolon.
    mutating func parseStatementBody() throws(SQLError) -> SQLStatement {
        let token = current
        switch token.keyword {
        case "CREATE": return try parseCreate()
        case "DROP": return try parseDrop()
        case "SHOW": return try parseShow()
        case "DESCRIBE", "DESC":
            advance()
            return .describe(try parseObjectName())
        case "EXPLAIN": return try parseExplain()
        case "INSERT": return .insert(try parseInsert())
        case "SET": return try parseSet()
        case "SELECT", "VALUES", "WITH": return .query(try parseQuery())
        case "EXECUTE", "BEGIN":
            throw unsupported(peek().keyword == "STATEMENT" ? "STATEMENT SET" : "\(token.keyword!) statements")
        case let word? where Self.unsupportedStatements.contains(word):
            throw unsupported("\(word) statements")
        default:
            if isSymbol("(") { return .query(try parseQuery()) }
            for start in ["SELECT", "INSERT", "CREATE", "DROP", "SHOW", "DESCRIBE", "EXPLAIN", "SET", "VALUES", "("] {
                record("\"\(start)\"")
            }
            throw unexpected()
        }
    }

    // MARK: CREATE

    private mutating func parseCreate() throws(SQLError) -> SQLStatement {
        advance()
        if isKeyword("OR") { throw unsupported("CREATE OR REPLACE") }
        // Every table and view of Kibitz lives as long as the server's catalog, so TEMPORARY is
        // accepted and has nothing to change.
        _ = consumeKeyword("TEMPORARY")
        if consumeKeyword("TABLE") { return .createTable(try parseCreateTable()) }
        if consumeKeyword("VIEW") { return .createView(try parseCreateView()) }
        switch current.keyword {
        case "FUNCTION", "SYSTEM": throw unsupported("CREATE FUNCTION")
        case let word? where ["CATALOG", "DATABASE", "MATERIALIZED", "MODEL"].contains(word):
            throw unsupported("CREATE \(word)")
        default: throw unexpected()
        }
    }

    private mutating func parseIfNotExists() throws(SQLError) -> Bool {
        guard consumeKeyword("IF") else { return false }
        try expectKeyword("NOT")
        try expectKeyword("EXISTS")
        return true
    }

    private mutating func parseCreateTable() throws(SQLError) -> CreateTableStatement {
        let ifNotExists = try parseIfNotExists()
        let name = try parseObjectName()
        try refuseCreateTableAsOrLike()
        var table = CreateTableStatement(name: name, ifNotExists: ifNotExists, columns: [], options: [])
        try expectSymbol("(")
        repeat {
            try parseTableElement(into: &table)
        } while consumeSymbol(",")
        try expectSymbol(")")
        if consumeKeyword("COMMENT") { table.comment = try expectString() }
        if isKeyword("DISTRIBUTED") { throw unsupported("DISTRIBUTED BY") }
        if consumeKeyword("PARTITIONED") {
            try expectKeyword("BY")
            table.partitionedBy = try parseIdentifierList()
        }
        if consumeKeyword("WITH") { table.options = try parseTableOptions() }
        try refuseCreateTableAsOrLike()
        return table
    }

    private func refuseCreateTableAsOrLike() throws(SQLError) {
        if isKeyword("AS") { throw unsupported("CREATE TABLE ... AS SELECT") }
        if isKeyword("LIKE") { throw unsupported("CREATE TABLE ... LIKE") }
    }

    /// A column, a watermark or a primary key of CREATE TABLE.
    private mutating func parseTableElement(into table: inout CreateTableStatement) throws(SQLError) {
        let start = current
        if isKeyword("WATERMARK") && peek().keyword == "FOR" {
            advance()
            advance()
            if table.watermark != nil { throw unsupported("more than one WATERMARK", at: start) }
            let column = try expectIdentifier()
            try expectKeyword("AS")
            table.watermark = WatermarkDefinition(column: column, expression: try parseExpression())
            return
        }
        if isKeyword("CONSTRAINT") || (isKeyword("PRIMARY") && peek().keyword == "KEY") {
            try parseConstraintName()
            try expectKeyword("PRIMARY")
            try expectKeyword("KEY")
            try setPrimaryKey(try parseIdentifierList(), of: &table, at: start)
            return
        }
        if isKeyword("UNIQUE") || isKeyword("CHECK") || isKeyword("FOREIGN") {
            throw unsupported("\(current.keyword!) constraints")
        }
        for alternative in ["\"WATERMARK\"", "\"PRIMARY\"", "\"CONSTRAINT\""] { record(alternative) }
        let name = try expectIdentifier()
        var column: TableColumn
        if consumeKeyword("AS") {
            column = TableColumn(name: name, kind: .computed(try parseExpression()))
        } else {
            let type = try parseType()
            if consumeKeyword("METADATA") {
                let key = consumeKeyword("FROM") ? try expectString() : nil
                column = TableColumn(name: name, kind: .metadata(type, key: key, isVirtual: consumeKeyword("VIRTUAL")))
            } else {
                column = TableColumn(name: name, kind: .physical(type))
                let constraint = current
                if isKeyword("CONSTRAINT") || isKeyword("PRIMARY") {
                    try parseConstraintName()
                    try expectKeyword("PRIMARY")
                    try expectKeyword("KEY")
                    try setPrimaryKey([name], of: &table, at: constraint)
                }
            }
        }
        if consumeKeyword("COMMENT") { column.comment = try expectString() }
        table.columns.append(column)
    }

    private mutating func parseConstraintName() throws(SQLError) {
        if consumeKeyword("CONSTRAINT") { _ = try expectIdentifier() }
    }

    /// Records the key after `PRIMARY KEY [(columns)]`, which Flink requires to be NOT ENFORCED:
    /// it does not own the data, so it cannot check the key.
    private mutating func setPrimaryKey(
        _ columns: [Identifier],
        of table: inout CreateTableStatement,
        at start: SQLToken
    ) throws(SQLError) {
        if consumeKeyword("NOT") {
            try expectKeyword("ENFORCED")
        } else {
            throw unsupported("an ENFORCED primary key (write PRIMARY KEY (...) NOT ENFORCED)")
        }
        if !table.primaryKey.isEmpty {
            throw .validation("the table has more than one PRIMARY KEY", at: start.location)
        }
        table.primaryKey = columns
    }

    /// `('key' = 'value', ...)`; a key given twice is an error at its second place.
    private mutating func parseTableOptions() throws(SQLError) -> [TableOption] {
        try expectSymbol("(")
        var options: [TableOption] = []
        repeat {
            let keyToken = current
            let key = try expectString()
            try expectSymbol("=")
            let value = try expectString()
            if options.contains(where: { $0.key == key }) {
                throw .validation("the option '\(key)' is given more than once", at: keyToken.location)
            }
            options.append(TableOption(key: key, value: value, at: keyToken.location))
        } while consumeSymbol(",")
        try expectSymbol(")")
        return options
    }

    private mutating func parseCreateView() throws(SQLError) -> CreateViewStatement {
        let ifNotExists = try parseIfNotExists()
        let name = try parseObjectName()
        let columnNames = isSymbol("(") ? try parseIdentifierList() : []
        // A view's comment is documentation only; Kibitz keeps the statement's text, which has it.
        if consumeKeyword("COMMENT") { _ = try expectString() }
        try expectKeyword("AS")
        return CreateViewStatement(
            name: name,
            ifNotExists: ifNotExists,
            columnNames: columnNames,
            query: try parseQuery()
        )
    }

    // MARK: DROP, SHOW, EXPLAIN, INSERT, SET

    private mutating func parseDrop() throws(SQLError) -> SQLStatement {
        advance()
        _ = consumeKeyword("TEMPORARY")
        let isTable: Bool
        if consumeKeyword("TABLE") {
            isTable = true
        } else if consumeKeyword("VIEW") {
            isTable = false
        } else if let word = current.keyword,
            ["CATALOG", "DATABASE", "FUNCTION", "SYSTEM", "MATERIALIZED"].contains(word)
        {
            throw unsupported("DROP \(word == "SYSTEM" ? "FUNCTION" : word)")
        } else {
            throw unexpected()
        }
        var ifExists = false
        if consumeKeyword("IF") {
            try expectKeyword("EXISTS")
            ifExists = true
        }
        let name = try parseObjectName()
        return isTable ? .dropTable(name, ifExists: ifExists) : .dropView(name, ifExists: ifExists)
    }

    private mutating func parseShow() throws(SQLError) -> SQLStatement {
        advance()
        let statement: SQLStatement
        if consumeKeyword("TABLES") {
            statement = .showTables
        } else if consumeKeyword("VIEWS") {
            statement = .showViews
        } else if let word = current.keyword {
            throw unsupported("SHOW \(word)")
        } else {
            throw unexpected()
        }
        if let word = current.keyword, ["FROM", "IN", "LIKE", "NOT", "ILIKE"].contains(word) {
            throw unsupported("SHOW TABLES or VIEWS with \(word)")
        }
        return statement
    }

    private mutating func parseExplain() throws(SQLError) -> SQLStatement {
        advance()
        if consumeKeyword("PLAN") {
            try expectKeyword("FOR")
        } else if let word = current.keyword,
            ["ESTIMATED_COST", "CHANGELOG_MODE", "JSON_EXECUTION_PLAN", "PLAN_ADVICE"].contains(word)
        {
            throw unsupported("EXPLAIN \(word)")
        }
        if isKeyword("INSERT") { return .explain(.insert(try parseInsert())) }
        if isKeyword("STATEMENT") { throw unsupported("STATEMENT SET") }
        record("\"INSERT\"")
        return .explain(.query(try parseQuery()))
    }

    private mutating func parseInsert() throws(SQLError) -> InsertStatement {
        advance()
        if isKeyword("OVERWRITE") { throw unsupported("INSERT OVERWRITE") }
        try expectKeyword("INTO")
        let table = try parseObjectName()
        if isKeyword("PARTITION") { throw unsupported("INSERT INTO ... PARTITION") }
        let columnNames = isSymbol("(") && !isQueryStart(at: position) ? try parseIdentifierList() : []
        return InsertStatement(table: table, columnNames: columnNames, query: try parseQuery())
    }

    private mutating func parseSet() throws(SQLError) -> SQLStatement {
        advance()
        if isAtStatementEnd { return .set(key: nil, value: nil) }
        let key = try expectString()
        try expectSymbol("=")
        return .set(key: key, value: try expectString())
    }
}
