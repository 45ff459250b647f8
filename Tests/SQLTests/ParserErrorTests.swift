import SQL
import Testing

@Suite struct ParserErrorTests {
    @Test func namesTheTokenFoundAndWhatWasExpected() {
        let error = statementParseError("SELECT * FORM t")
        #expect(error?.kind == .syntax)
        #expect(error?.location == SourceLocation(line: 1, column: 10, offset: 9))
        #expect(
            error?.message
                == "Encountered \"FORM\" at line 1, column 10. Was expecting one of: \",\", \"FROM\", \"WHERE\", \"GROUP\", \"HAVING\", \"INTERSECT\", \"UNION\", \"EXCEPT\", ..."
        )
    }

    @Test func callsTheEndOfInputEOF() {
        let error = statementParseError("SELECT a FROM t WHERE")
        #expect(error?.message.hasPrefix("Encountered \"<EOF>\" at line 1, column 22. Was expecting ") == true)
        #expect(error?.location == SourceLocation(line: 1, column: 22, offset: 21))
        let open = statementParseError("SELECT COUNT(a")
        #expect(open?.message == "Encountered \"<EOF>\" at line 1, column 15. Was expecting one of: \",\", \")\".")
    }

    @Test func locatesErrorsOnLaterLines() {
        let error = statementParseError("CREATE TABLE t (\n  a INT,\n  b VARCHAR(10) NOT ENFORCED\n)")
        #expect(error?.location?.line == 3)
        #expect(error?.location?.column == 17)
        #expect(error?.message.hasPrefix("Encountered \"NOT\" at line 3, column 17.") == true)
    }

    @Test func listsTheStatementsThatCanStart() {
        let error = statementParseError("SELEC 1")
        #expect(
            error?.message
                == "Encountered \"SELEC\" at line 1, column 1. Was expecting one of: \"SELECT\", \"INSERT\", \"CREATE\", \"DROP\", \"SHOW\", \"DESCRIBE\", \"EXPLAIN\", \"SET\", ..."
        )
    }

    @Test func refusesAReservedWordAsANameWithTheWayOut() {
        let error = statementParseError("CREATE TABLE t (a INT, from STRING)")
        #expect(error?.location?.column == 24)
        #expect(
            error?.message
                == "Encountered \"from\" at line 1, column 24. Was expecting one of: \"WATERMARK\", \"PRIMARY\", \"CONSTRAINT\", <identifier>. \"FROM\" is a reserved keyword: write it in backticks (`from`) to use it as a name."
        )
        #expect(statementParseError("CREATE TABLE t (a INT, `from` STRING)") == nil)
    }

    /// Each feature outside the subset, the words that name it in the message, and where it starts.
    private static let unsupportedFeatures: [(String, String, Int)] = [
        ("SELECT * FROM t MATCH_RECOGNIZE (PARTITION BY a)", "MATCH_RECOGNIZE", 17),
        ("SELECT * FROM t, LATERAL TABLE(f(a))", "LATERAL", 18),
        ("SELECT * FROM TABLE(explode(a))", "table function explode", 21),
        ("SELECT * FROM f(a)", "table function f", 15),
        ("SELECT * FROM t CROSS JOIN UNNEST(t.tags)", "UNNEST", 28),
        ("SELECT (SELECT 1) FROM t", "scalar subqueries", 8),
        ("SELECT * FROM t WHERE a IN (SELECT b FROM u)", "IN (subquery)", 29),
        ("SELECT * FROM t WHERE EXISTS (SELECT b FROM u)", "EXISTS", 23),
        ("SELECT SUM(a) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t", "OVER window frames", 33),
        ("SELECT SUM(a) OVER w FROM t", "named windows", 20),
        ("SELECT a FROM t GROUP BY GROUPING SETS ((a))", "GROUPING SETS", 26),
        ("SELECT a FROM t GROUP BY ROLLUP(a)", "ROLLUP", 26),
        ("SELECT a FROM t GROUP BY CUBE(a)", "CUBE", 26),
        ("SELECT * FROM o JOIN r FOR SYSTEM_TIME AS OF o.ts ON o.c = r.c", "FOR SYSTEM_TIME AS OF", 24),
        ("SELECT a FROM t LIMIT 10 OFFSET 5", "OFFSET", 26),
        ("SELECT a FROM t FETCH FIRST 1 ROWS ONLY", "FETCH", 17),
        ("CREATE FUNCTION f AS 'com.x.F'", "CREATE FUNCTION", 8),
        ("CREATE TEMPORARY SYSTEM FUNCTION f AS 'com.x.F'", "CREATE FUNCTION", 18),
        ("INSERT OVERWRITE t SELECT 1", "INSERT OVERWRITE", 8),
        ("EXECUTE STATEMENT SET BEGIN INSERT INTO t SELECT 1; END", "STATEMENT SET", 1),
        ("ALTER TABLE t RENAME TO u", "ALTER statements", 1),
        ("RESET 'a'", "RESET statements", 1),
        ("WITH x AS (SELECT 1) SELECT * FROM x", "WITH (common table expressions)", 1),
        ("SELECT a FROM t WHERE a BETWEEN SYMMETRIC 1 AND 2", "BETWEEN SYMMETRIC", 33),
        ("SELECT COUNT(*) FILTER (WHERE a > 1) FROM t", "FILTER", 17),
        ("SELECT * FROM a NATURAL JOIN b", "NATURAL JOIN", 17),
        ("SELECT * FROM a JOIN b USING (id)", "USING", 24),
        ("CREATE TABLE t (a INT, PRIMARY KEY (a))", "ENFORCED primary key", 39),
        ("CREATE TABLE t AS SELECT 1", "AS SELECT", 16),
        (
            "SELECT * FROM TABLE(TUMBLE(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '1' HOUR))",
            "PARTITION BY in a TUMBLE window", 28
        ),
        ("SELECT a FROM t WHERE a SIMILAR TO 'x'", "SIMILAR TO", 25),
        ("SELECT EXTRACT(DOW FROM ts) FROM t", "time unit DOW", 16),
        ("SHOW FUNCTIONS", "SHOW FUNCTIONS", 6),
        ("SELECT a FROM t WHERE a = ANY (SELECT 1)", "quantified comparisons", 27),
        ("SHOW TABLES LIKE 'g%'", "SHOW TABLES or VIEWS with LIKE", 13),
        ("DROP FUNCTION f", "DROP FUNCTION", 6),
        ("CREATE TABLE t2 LIKE t", "CREATE TABLE ... LIKE", 17),
        ("INSERT INTO t PARTITION (d = '1') SELECT 1", "INSERT INTO ... PARTITION", 15),
        ("SELECT CAST(a AS TIMESTAMP WITH TIME ZONE) FROM t", "TIMESTAMP WITH TIME ZONE", 33),
        ("CREATE TABLE t (a INT, WATERMARK FOR a AS a, WATERMARK FOR a AS a)", "more than one WATERMARK", 46),
        ("EXPLAIN CHANGELOG_MODE SELECT 1", "EXPLAIN CHANGELOG_MODE", 9),
        ("SELECT LISTAGG(a) WITHIN GROUP (ORDER BY a) FROM t", "WITHIN GROUP", 19),
    ]

    @Test(arguments: unsupportedFeatures)
    func refusesFeaturesOutsideTheSubsetByName(text: String, feature: String, column: Int) {
        let error = statementParseError(text)
        #expect(error?.kind == .unsupported)
        #expect(error?.message.hasPrefix("not supported: ") == true)
        #expect(error?.message.contains(feature) == true, "\(error?.message ?? "no error")")
        #expect(error?.location?.line == 1)
        #expect(error?.location?.column == column)
    }

    @Test func refusesNestingDeeperThanTheLimitWithoutCrashing() throws {
        let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let error = #expect(throws: SQLError.self) { try SQLParser.parseExpression(deep) }
        #expect(error?.message.contains("nests deeper than") == true)
        let minus = String(repeating: "-", count: 100_000) + "1"
        #expect(throws: SQLError.self) { try SQLParser.parseExpression(minus) }
        let queries = "SELECT * FROM " + String(repeating: "(SELECT * FROM ", count: 10_000) + "t"
        #expect(throws: SQLError.self) { try SQLParser.parseStatement(queries) }
        let types = "CAST(x AS " + String(repeating: "ARRAY<", count: 10_000) + "INT"
        #expect(throws: SQLError.self) { try SQLParser.parseExpression(types) }
        let reasonable = String(repeating: "(", count: 30) + "1" + String(repeating: ")", count: 30)
        #expect(try parsedExpression(reasonable) == .integer("1"))
        #expect(throws: SQLError.self) { try SQLParser.parseExpression(reasonable, maximumNestingDepth: 10) }
    }

    @Test func refusesWhatIsNotAnExpression() {
        for text in [
            "", "1 +", "(1", "a b", "f(a b)", "CASE WHEN 1 THEN 2", "CAST(a AS)", "a IS 3", "a NOT 3", "x[1", "a..b",
        ] {
            let error = #expect(throws: SQLError.self, "\(text)") { try SQLParser.parseExpression(text) }
            #expect(error?.kind == .syntax)
            #expect(error?.location != nil)
        }
    }
}
