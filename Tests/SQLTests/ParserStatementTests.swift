import SQL
import Testing

@Suite struct ParserStatementTests {
    @Test func readsCreateTableWithEveryKindOfColumn() throws {
        let statement = try parsedStatement(
            """
            CREATE TEMPORARY TABLE IF NOT EXISTS games (
              game_id STRING NOT NULL COMMENT 'the game',
              `from` INT,
              ply BIGINT,
              device ROW<os STRING, version INT>,
              ts TIMESTAMP(3),
              event_time AS TO_TIMESTAMP_LTZ(ply, 3),
              record_time TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
              part INT METADATA,
              WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
              PRIMARY KEY (game_id, ply) NOT ENFORCED
            ) COMMENT 'games played'
            PARTITIONED BY (game_id)
            WITH ('connector' = 'kafka', 'topic' = 'games', 'format' = 'json')
            """
        )
        let device = SQLType(.row(fields: [.init(name: "os", type: .string), .init(name: "version", type: .integer)]))
        let expected = CreateTableStatement(
            name: .named("games"),
            ifNotExists: true,
            columns: [
                TableColumn(name: Identifier("game_id"), kind: .physical(SQLType.string.notNull), comment: "the game"),
                TableColumn(name: Identifier("from"), kind: .physical(.integer)),
                TableColumn(name: Identifier("ply"), kind: .physical(.bigInt)),
                TableColumn(name: Identifier("device"), kind: .physical(device)),
                TableColumn(name: Identifier("ts"), kind: .physical(SQLType(.timestamp(precision: 3)))),
                TableColumn(
                    name: Identifier("event_time"),
                    kind: .computed(.call("TO_TIMESTAMP_LTZ", .column("ply"), .integer("3")))
                ),
                TableColumn(
                    name: Identifier("record_time"),
                    kind: .metadata(
                        SQLType(.timestampWithLocalTimeZone(precision: 3)),
                        key: "timestamp",
                        isVirtual: true
                    )
                ),
                TableColumn(name: Identifier("part"), kind: .metadata(.integer, key: nil, isVirtual: false)),
            ],
            watermark: WatermarkDefinition(
                column: Identifier("ts"),
                expression: .binary(.subtract, .column("ts"), .interval("5", .second))
            ),
            primaryKey: [Identifier("game_id"), Identifier("ply")],
            partitionedBy: [Identifier("game_id")],
            options: [
                TableOption(key: "connector", value: "kafka", at: .start),
                TableOption(key: "topic", value: "games", at: .start),
                TableOption(key: "format", value: "json", at: .start),
            ],
            comment: "games played"
        )
        #expect(statement == .createTable(expected))
    }

    @Test func readsAnInlinePrimaryKeyAndANamedConstraint() throws {
        let inline = try parsedStatement(
            "CREATE TABLE t (id BIGINT PRIMARY KEY NOT ENFORCED, v STRING) WITH ('a' = 'b')"
        )
        guard case .createTable(let table) = inline else { throw ParserTestFailure("not a CREATE TABLE") }
        #expect(table.primaryKey == [Identifier("id")])
        let named = try parsedStatement("CREATE TABLE t (id BIGINT, CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED)")
        guard case .createTable(let namedTable) = named else { throw ParserTestFailure("not a CREATE TABLE") }
        #expect(namedTable.primaryKey == [Identifier("id")])
        #expect(namedTable.options.isEmpty)
    }

    @Test func readsEveryType() throws {
        let types: [(String, SQLType)] = [
            ("STRING", .string), ("VARCHAR(20)", SQLType(.varchar(length: 20))),
            ("VARCHAR", SQLType(.varchar(length: 1))),
            ("CHAR(3)", SQLType(.char(length: 3))), ("CHAR", SQLType(.char(length: 1))), ("BOOLEAN", .boolean),
            ("TINYINT", SQLType(.tinyInt)), ("SMALLINT", SQLType(.smallInt)), ("INT", .integer), ("INTEGER", .integer),
            ("BIGINT", .bigInt), ("FLOAT", SQLType(.float)), ("DOUBLE", .double), ("DOUBLE PRECISION", .double),
            ("DECIMAL", SQLType(.decimal(precision: 10, scale: 0))),
            ("DEC(5)", SQLType(.decimal(precision: 5, scale: 0))),
            ("NUMERIC(12, 4)", SQLType(.decimal(precision: 12, scale: 4))), ("DATE", SQLType(.date)),
            ("TIME", SQLType(.time(precision: 0))), ("TIME(3)", SQLType(.time(precision: 3))),
            ("TIMESTAMP", SQLType(.timestamp(precision: 6))), ("TIMESTAMP(3)", SQLType(.timestamp(precision: 3))),
            ("TIMESTAMP(3) WITHOUT TIME ZONE", SQLType(.timestamp(precision: 3))),
            ("TIMESTAMP_LTZ", SQLType(.timestampWithLocalTimeZone(precision: 6))),
            ("TIMESTAMP_LTZ(3)", SQLType(.timestampWithLocalTimeZone(precision: 3))),
            ("TIMESTAMP(3) WITH LOCAL TIME ZONE", SQLType(.timestampWithLocalTimeZone(precision: 3))),
            ("INTERVAL DAY TO SECOND(3)", SQLType(.dayTimeInterval)),
            ("INTERVAL YEAR TO MONTH", SQLType(.yearMonthInterval)),
            ("ARRAY<INT NOT NULL>", SQLType(.array(element: SQLType.integer.notNull))),
            ("MAP<STRING, ARRAY<BIGINT>>", SQLType(.map(key: .string, value: SQLType(.array(element: .bigInt))))),
            (
                "ROW(a INT, `b` STRING 'a field')",
                SQLType(.row(fields: [.init(name: "a", type: .integer), .init(name: "b", type: .string)]))
            ),
            (
                "ROW<inner ROW<x DOUBLE>>",
                SQLType(
                    .row(fields: [.init(name: "inner", type: SQLType(.row(fields: [.init(name: "x", type: .double)])))])
                )
            ),
            ("BIGINT NOT NULL", SQLType.bigInt.notNull), ("BIGINT NULL", .bigInt),
        ]
        for (text, type) in types {
            #expect(
                try parsedExpression("CAST(x AS \(text))")
                    == SQLExpression(.cast(.column("x"), type, isTry: false), at: .start),
                "\(text)"
            )
        }
    }

    @Test func refusesTypesOutOfRange() {
        for text in ["DECIMAL(0)", "DECIMAL(39, 2)", "DECIMAL(5, 6)", "TIMESTAMP(10)", "VARCHAR(0)", "INT(3)"] {
            let error = #expect(throws: SQLError.self, "\(text)") {
                try SQLParser.parseExpression("CAST(x AS \(text))")
            }
            #expect(error?.location != nil)
        }
        let unsupported = #expect(throws: SQLError.self) { try SQLParser.parseExpression("CAST(x AS BYTES)") }
        #expect(unsupported?.message == "not supported: the type BYTES")
    }

    @Test func refusesADuplicateOptionAtItsSecondKey() {
        let error = statementParseError("CREATE TABLE t (a INT) WITH ('topic' = 'a',\n 'topic' = 'b')")
        #expect(error?.kind == .validation)
        #expect(error?.message == "the option 'topic' is given more than once")
        #expect(error?.location == SourceLocation(line: 2, column: 2, offset: 45))
    }

    @Test func readsCreateView() throws {
        let statement = try parsedStatement("CREATE TEMPORARY VIEW IF NOT EXISTS v (a, b) COMMENT 'x' AS SELECT 1, 2")
        let expected = CreateViewStatement(
            name: .named("v"),
            ifNotExists: true,
            columnNames: [Identifier("a"), Identifier("b")],
            query: .select([.item(.integer("1")), .item(.integer("2"))])
        )
        #expect(statement == .createView(expected))
        #expect(
            try parsedStatement("CREATE VIEW db.v AS SELECT * FROM t")
                == .createView(
                    CreateViewStatement(name: .named("db", "v"), query: .select([.star], from: .named("t")))
                )
        )
    }

    @Test func readsDropShowDescribeAndSet() throws {
        #expect(try parsedStatement("DROP TABLE t") == .dropTable(.named("t"), ifExists: false))
        #expect(
            try parsedStatement("drop temporary table if exists cat.db.t")
                == .dropTable(.named("cat", "db", "t"), ifExists: true)
        )
        #expect(try parsedStatement("DROP VIEW IF EXISTS v;") == .dropView(.named("v"), ifExists: true))
        #expect(try parsedStatement("SHOW TABLES") == .showTables)
        #expect(try parsedStatement("show views") == .showViews)
        #expect(try parsedStatement("DESCRIBE games") == .describe(.named("games")))
        #expect(try parsedStatement("DESC games") == .describe(.named("games")))
        #expect(try parsedStatement("SET") == .set(key: nil, value: nil))
        #expect(
            try parsedStatement("SET 'table.exec.state.ttl' = '1 h'") == .set(key: "table.exec.state.ttl", value: "1 h")
        )
    }

    @Test func readsInsertAndExplain() throws {
        let query = SQLQuery.select([.star], from: .named("games"))
        #expect(
            try parsedStatement("INSERT INTO sink SELECT * FROM games")
                == .insert(InsertStatement(table: .named("sink"), query: query))
        )
        #expect(
            try parsedStatement("INSERT INTO sink (a, b) SELECT * FROM games")
                == .insert(
                    InsertStatement(
                        table: .named("sink"),
                        columnNames: [Identifier("a"), Identifier("b")],
                        query: query
                    )
                )
        )
        #expect(
            try parsedStatement("INSERT INTO sink (SELECT * FROM games)")
                == .insert(
                    InsertStatement(table: .named("sink"), query: SQLQuery(body: .nested(query), at: .start))
                )
        )
        #expect(
            try parsedStatement("INSERT INTO sink VALUES (1, 'a'), (2, 'b')")
                == .insert(
                    InsertStatement(
                        table: .named("sink"),
                        query: SQLQuery(
                            body: .values([[.integer("1"), .string("a")], [.integer("2"), .string("b")]]),
                            at: .start
                        )
                    )
                )
        )
        #expect(try parsedStatement("EXPLAIN SELECT * FROM games") == .explain(.query(query)))
        #expect(
            try parsedStatement("EXPLAIN PLAN FOR INSERT INTO sink SELECT * FROM games")
                == .explain(
                    .insert(InsertStatement(table: .named("sink"), query: query))
                )
        )
    }

    @Test func splitsAScriptIntoStatementsWithTheirOwnText() throws {
        let script = """
            -- the tables
            CREATE TABLE t (a INT) WITH ('connector' = 'kafka');;
              SELECT a
              FROM t ;
            /* last */ SHOW TABLES
            """
        let statements = try SQLParser.parseScript(script)
        #expect(
            statements.map(\.text) == [
                "CREATE TABLE t (a INT) WITH ('connector' = 'kafka')", "SELECT a\n  FROM t", "SHOW TABLES",
            ]
        )
        #expect(statements.map(\.location.line) == [2, 3, 5])
        #expect(statements[1].location.column == 3)
        #expect(statements[2].statement == .showTables)
        #expect(try SQLParser.parseScript(" ;; -- nothing\n").isEmpty)
    }

    @Test func locatesAnErrorInALaterStatementWithinTheScript() {
        let error = #expect(throws: SQLError.self) { try SQLParser.parseScript("SHOW TABLES;\nSELECT a FROM WHERE") }
        #expect(error?.location?.line == 2)
        #expect(error?.location?.column == 15)
    }

    @Test func parseStatementWantsExactlyOne() {
        let error = statementParseError("SHOW TABLES; SHOW VIEWS")
        #expect(error?.message == "Encountered \"SHOW\" at line 1, column 14. Was expecting <EOF>.")
        #expect(statementParseError("") != nil)
        #expect(statementParseError(" ; ") != nil)
    }
}
