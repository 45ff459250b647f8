import SQL
import Testing

@Suite struct ParserExpressionTests {
    private let a = SQLExpression.column("a")
    private let b = SQLExpression.column("b")
    private let c = SQLExpression.column("c")

    @Test func multiplicationBindsTighterThanAddition() throws {
        #expect(
            try parsedExpression("1 + 2 * 3")
                == .binary(.add, .integer("1"), .binary(.multiply, .integer("2"), .integer("3")))
        )
        #expect(
            try parsedExpression("(1 + 2) * 3")
                == .binary(.multiply, .binary(.add, .integer("1"), .integer("2")), .integer("3"))
        )
        #expect(try parsedExpression("a - b - c") == .binary(.subtract, .binary(.subtract, a, b), c))
        #expect(try parsedExpression("a / b % c") == .binary(.modulo, .binary(.divide, a, b), c))
    }

    @Test func concatenationBindsLikeMultiplicationAsInCalcite() throws {
        #expect(try parsedExpression("a || b || c") == .binary(.concatenate, .binary(.concatenate, a, b), c))
        #expect(try parsedExpression("a + b || c") == .binary(.add, a, .binary(.concatenate, b, c)))
    }

    @Test func andBindsTighterThanOrAndNotLooserThanComparison() throws {
        #expect(try parsedExpression("a OR b AND c") == .binary(.or, a, .binary(.and, b, c)))
        #expect(try parsedExpression("NOT a = 1") == .unary(.not, .binary(.equal, a, .integer("1"))))
        #expect(try parsedExpression("NOT a AND b") == .binary(.and, .unary(.not, a), b))
        #expect(try parsedExpression("NOT NOT a") == .unary(.not, .unary(.not, a)))
    }

    @Test func unaryMinusBindsTightest() throws {
        #expect(try parsedExpression("-a * b") == .binary(.multiply, .unary(.negate, a), b))
        #expect(try parsedExpression("- -1") == .unary(.negate, .unary(.negate, .integer("1"))))
        #expect(try parsedExpression("+a") == .unary(.plus, a))
    }

    @Test func readsEveryComparison() throws {
        let operators: [(String, BinaryOperator)] = [
            ("=", .equal), ("<>", .notEqual), ("!=", .notEqual), ("<", .less), ("<=", .lessOrEqual),
            (">", .greater), (">=", .greaterOrEqual),
        ]
        for (text, operation) in operators {
            #expect(try parsedExpression("a \(text) b + 1") == .binary(operation, a, .binary(.add, b, .integer("1"))))
        }
    }

    @Test func readsIsTests() throws {
        #expect(try parsedExpression("a IS NULL") == SQLExpression(.isTest(a, .null, negated: false), at: .start))
        #expect(try parsedExpression("a IS NOT TRUE") == SQLExpression(.isTest(a, .true, negated: true), at: .start))
        #expect(try parsedExpression("a IS FALSE") == SQLExpression(.isTest(a, .false, negated: false), at: .start))
        #expect(try parsedExpression("a IS UNKNOWN") == SQLExpression(.isTest(a, .unknown, negated: false), at: .start))
        #expect(
            try parsedExpression("a = b IS NULL")
                == SQLExpression(.isTest(.binary(.equal, a, b), .null, negated: false), at: .start)
        )
        #expect(try parsedExpression("a IS DISTINCT FROM b") == .binary(.isDistinctFrom, a, b))
        #expect(try parsedExpression("a IS NOT DISTINCT FROM b") == .unary(.not, .binary(.isDistinctFrom, a, b)))
    }

    @Test func readsBetweenInAndLike() throws {
        let between = SQLExpression(.between(a, low: .integer("1"), high: .integer("2"), negated: false), at: .start)
        #expect(try parsedExpression("a BETWEEN 1 AND 2") == between)
        #expect(try parsedExpression("a BETWEEN ASYMMETRIC 1 AND 2 AND b") == .binary(.and, between, b))
        #expect(
            try parsedExpression("a NOT BETWEEN 1 AND 2")
                == SQLExpression(.between(a, low: .integer("1"), high: .integer("2"), negated: true), at: .start)
        )
        #expect(
            try parsedExpression("a IN (1, 2)")
                == SQLExpression(.inList(a, [.integer("1"), .integer("2")], negated: false), at: .start)
        )
        #expect(
            try parsedExpression("a NOT IN ('x')")
                == SQLExpression(.inList(a, [.string("x")], negated: true), at: .start)
        )
        #expect(
            try parsedExpression("a LIKE 'x%'")
                == SQLExpression(.like(a, pattern: .string("x%"), escape: nil, negated: false), at: .start)
        )
        #expect(
            try parsedExpression("a NOT LIKE 'x!%' ESCAPE '!'")
                == SQLExpression(.like(a, pattern: .string("x!%"), escape: .string("!"), negated: true), at: .start)
        )
    }

    @Test func readsLiterals() throws {
        #expect(try parsedExpression("NULL") == .literal(.null))
        #expect(try parsedExpression("true") == .literal(.boolean(true)))
        #expect(try parsedExpression("FALSE") == .literal(.boolean(false)))
        #expect(try parsedExpression("123456789012345678901234567890") == .integer("123456789012345678901234567890"))
        #expect(try parsedExpression("12.50") == .literal(.decimal("12.50")))
        #expect(try parsedExpression("1.5e3") == .literal(.double("1.5E3")))
        #expect(try parsedExpression("'it''s'") == .string("it's"))
        #expect(try parsedExpression("DATE '2024-01-31'") == .literal(.typed(.date, "2024-01-31")))
        #expect(try parsedExpression("TIME '10:00:00'") == .literal(.typed(.time(precision: 0), "10:00:00")))
        #expect(
            try parsedExpression("TIMESTAMP '2024-01-31 10:00:00.123'")
                == .literal(.typed(.timestamp(precision: 3), "2024-01-31 10:00:00.123"))
        )
    }

    @Test func readsIntervals() throws {
        #expect(try parsedExpression("INTERVAL '5' SECOND") == .interval("5", .second))
        #expect(try parsedExpression("INTERVAL '1' MINUTES") == .interval("1", .minute))
        #expect(try parsedExpression("INTERVAL '10' days") == .interval("10", .day))
        #expect(try parsedExpression("INTERVAL '1 10' DAY TO HOUR") == .interval("1 10", .day, to: .hour))
        #expect(try parsedExpression("INTERVAL '1-2' YEAR TO MONTH") == .interval("1-2", .year, to: .month))
        #expect(try parsedExpression("INTERVAL '100' DAY(3) TO SECOND(3)") == .interval("100", .day, to: .second))
        #expect(try parsedExpression("INTERVAL -'5' SECOND") == .interval("-5", .second))
        #expect(try parsedExpression("- INTERVAL '5' SECOND") == .unary(.negate, .interval("5", .second)))
        #expect(
            try parsedExpression("ts - INTERVAL '5' SECOND")
                == .binary(.subtract, .column("ts"), .interval("5", .second))
        )
        #expect(throws: SQLError.self) { try SQLParser.parseExpression("INTERVAL '1' HOUR TO DAY") }
        #expect(throws: SQLError.self) { try SQLParser.parseExpression("INTERVAL '1' FORTNIGHT") }
    }

    @Test func readsCaseInBothForms() throws {
        #expect(
            try parsedExpression("CASE WHEN a = 1 THEN 'one' WHEN a = 2 THEN 'two' ELSE 'many' END")
                == SQLExpression(
                    .caseWhen(
                        operand: nil,
                        branches: [
                            CaseBranch(condition: .binary(.equal, a, .integer("1")), result: .string("one")),
                            CaseBranch(condition: .binary(.equal, a, .integer("2")), result: .string("two")),
                        ],
                        otherwise: .string("many")
                    ),
                    at: .start
                )
        )
        #expect(
            try parsedExpression("CASE a WHEN 1 THEN b END")
                == SQLExpression(
                    .caseWhen(operand: a, branches: [CaseBranch(condition: .integer("1"), result: b)], otherwise: nil),
                    at: .start
                )
        )
        #expect(throws: SQLError.self) { try SQLParser.parseExpression("CASE ELSE 1 END") }
    }

    @Test func readsCasts() throws {
        #expect(try parsedExpression("CAST(a AS BIGINT)") == SQLExpression(.cast(a, .bigInt, isTry: false), at: .start))
        #expect(
            try parsedExpression("TRY_CAST(a AS DECIMAL(10, 2))")
                == SQLExpression(.cast(a, SQLType(.decimal(precision: 10, scale: 2)), isTry: true), at: .start)
        )
    }

    @Test func readsFunctionCalls() throws {
        #expect(try parsedExpression("COUNT(*)") == .call("COUNT", .star))
        #expect(try parsedExpression("count(DISTINCT a)") == .call("count", a, distinct: true))
        #expect(try parsedExpression("SUM(ALL a)") == .call("SUM", a))
        #expect(try parsedExpression("COALESCE(a, b, 0)") == .call("COALESCE", a, b, .integer("0")))
        #expect(try parsedExpression("PROCTIME()") == .call("PROCTIME"))
        #expect(try parsedExpression("CURRENT_TIMESTAMP") == .call("CURRENT_TIMESTAMP"))
        #expect(try parsedExpression("localtimestamp") == .call("LOCALTIMESTAMP"))
        #expect(try parsedExpression("CURRENT_DATE") == .call("CURRENT_DATE"))
        #expect(try parsedExpression("LEFT('abc', 2)") == .call("LEFT", .string("abc"), .integer("2")))
        #expect(try parsedExpression("ARRAY[1, 2]") == .call("ARRAY", .integer("1"), .integer("2")))
        #expect(try parsedExpression("MAP['k', 1]") == .call("MAP", .string("k"), .integer("1")))
    }

    @Test func readsWindowFunctionsWithOver() throws {
        let expected = SQLExpression.call(
            "ROW_NUMBER",
            over: WindowSpecification(
                partitionBy: [.column("window_start"), a],
                orderBy: [OrderItem(expression: .column("price"), isDescending: true, nullsFirst: false)]
            )
        )
        #expect(
            try parsedExpression("ROW_NUMBER() OVER (PARTITION BY window_start, a ORDER BY price DESC NULLS LAST)")
                == expected
        )
        #expect(
            try parsedExpression("SUM(a) OVER ()")
                == .call("SUM", a, over: WindowSpecification(partitionBy: [], orderBy: []))
        )
    }

    @Test func mapsSpecialFormsToCallsInFlinkOrder() throws {
        let ts = SQLExpression.column("ts")
        #expect(try parsedExpression("EXTRACT(DAY FROM ts)") == .call("EXTRACT", .unit(.day), ts))
        #expect(try parsedExpression("FLOOR(ts TO HOUR)") == .call("FLOOR", ts, .unit(.hour)))
        #expect(try parsedExpression("CEIL(ts TO MINUTE)") == .call("CEIL", ts, .unit(.minute)))
        #expect(try parsedExpression("floor(a)") == .call("FLOOR", a))
        #expect(try parsedExpression("TRIM(a)") == .call("TRIM", .string("BOTH"), .string(" "), a))
        #expect(try parsedExpression("TRIM(LEADING 'x' FROM a)") == .call("TRIM", .string("LEADING"), .string("x"), a))
        #expect(try parsedExpression("TRIM(TRAILING FROM a)") == .call("TRIM", .string("TRAILING"), .string(" "), a))
        #expect(try parsedExpression("TRIM('x' FROM a)") == .call("TRIM", .string("BOTH"), .string("x"), a))
        #expect(
            try parsedExpression("SUBSTRING(a FROM 2 FOR 3)") == .call("SUBSTRING", a, .integer("2"), .integer("3"))
        )
        #expect(try parsedExpression("SUBSTRING(a FROM 2)") == .call("SUBSTRING", a, .integer("2")))
        #expect(try parsedExpression("SUBSTRING(a, 2, 3)") == .call("SUBSTRING", a, .integer("2"), .integer("3")))
        #expect(try parsedExpression("POSITION('x' IN a)") == .call("POSITION", .string("x"), a))
        #expect(
            try parsedExpression("TIMESTAMPADD(HOUR, 2, ts)") == .call("TIMESTAMPADD", .unit(.hour), .integer("2"), ts)
        )
        #expect(try parsedExpression("TIMESTAMPDIFF(SQL_TSI_DAY, a, b)") == .call("TIMESTAMPDIFF", .unit(.day), a, b))
    }

    @Test func readsColumnsFieldsAndItems() throws {
        #expect(try parsedExpression("device") == .column("device"))
        #expect(try parsedExpression("m.game_id") == .column("game_id", of: "m"))
        #expect(try parsedExpression("t.device.os") == .field(.column("device", of: "t"), "os"))
        #expect(try parsedExpression("a.b.c.d") == .field(.field(.column("b", of: "a"), "c"), "d"))
        #expect(try parsedExpression("(device).os") == .field(.column("device"), "os"))
        #expect(try parsedExpression("tags['color']") == .call("ITEM", .column("tags"), .string("color")))
        #expect(try parsedExpression("moves[1].san") == .field(.call("ITEM", .column("moves"), .integer("1")), "san"))
        #expect(try parsedExpression("`from`.`to`") == .column("to", of: "from"))
    }

    @Test func keepsWhereEachExpressionStarts() throws {
        let expression = try SQLParser.parseExpression("a +\n  f(b)")
        #expect(expression.location == SourceLocation(line: 1, column: 1, offset: 0))
        guard case .binary(_, _, let right) = expression.kind else {
            Issue.record("not a binary expression")
            return
        }
        #expect(right.location == SourceLocation(line: 2, column: 3, offset: 6))
    }

    @Test func acceptsNonReservedWordsAsColumns() throws {
        for name in ["event", "result", "mode", "color", "piece", "value", "year", "name", "ts", "date", "timestamp"] {
            #expect(try parsedExpression("\(name) = 1") == .binary(.equal, .column(name), .integer("1")))
        }
    }
}
