import Foundation
import SQL
import Testing

@Suite struct ExpressionEvaluationTests {
    typealias B = Build

    @Test func threeValuedLogic() throws {
        let values: [SQLExpression] = [B.boolean(true), B.boolean(false), B.castNull(.boolean)]
        let t = SQLValue.boolean(true)
        let f = SQLValue.boolean(false)
        let n = SQLValue.null
        let expectedAnd: [[SQLValue]] = [[t, f, n], [f, f, f], [n, f, n]]
        let expectedOr: [[SQLValue]] = [[t, t, t], [t, f, n], [t, n, n]]
        for (row, left) in values.enumerated() {
            for (column, right) in values.enumerated() {
                #expect(try ExpressionCompiler.value(B.binary(.and, left, right)) == expectedAnd[row][column])
                #expect(try ExpressionCompiler.value(B.binary(.or, left, right)) == expectedOr[row][column])
            }
        }
        #expect(try ExpressionCompiler.value(B.not(B.castNull(.boolean))) == .null)
        #expect(try ExpressionCompiler.value(B.binary(.equal, B.castNull(.integer), B.integer(1))) == .null)
        #expect(try ExpressionCompiler.value(B.binary(.isDistinctFrom, B.castNull(.integer), B.integer(1))) == t)
        #expect(
            try ExpressionCompiler.value(B.binary(.isDistinctFrom, B.castNull(.integer), B.castNull(.integer))) == f
        )
    }

    @Test func inBetweenAndComparisonsAcrossNumericTypes() throws {
        // Flink: 1 = 1.0 is TRUE; 2 IN (1, 2, NULL) TRUE; 4 IN (1, 2, NULL) NULL.
        #expect(try ExpressionCompiler.value(B.binary(.equal, B.integer(1), B.decimal("1.0"))) == .boolean(true))
        let list = [B.integer(1), B.integer(2), B.castNull(.integer)]
        #expect(
            try ExpressionCompiler.value(SQLExpression(.inList(B.integer(2), list, negated: false), at: B.here))
                == .boolean(true)
        )
        #expect(
            try ExpressionCompiler.value(SQLExpression(.inList(B.integer(4), list, negated: false), at: B.here))
                == .null
        )
        #expect(
            try ExpressionCompiler.value(
                SQLExpression(.inList(B.column("score"), [B.integer(42)], negated: true), at: B.here)
            ) == .boolean(false)
        )
        let between = SQLExpression(
            .between(B.column("score"), low: B.integer(40), high: B.integer(50), negated: false),
            at: B.here
        )
        #expect(try ExpressionCompiler.value(between) == .boolean(true))
    }

    @Test func integerArithmeticIsJavas() throws {
        // Flink: 7 / 2 = 3, -7 / 2 = -3, -7 % 3 = -1, 2147483647 + 1 = -2147483648.
        #expect(try ExpressionCompiler.value(B.binary(.divide, B.integer(7), B.integer(2))) == .integer(3))
        #expect(try ExpressionCompiler.value(B.binary(.divide, B.integer(-7), B.integer(2))) == .integer(-3))
        #expect(try ExpressionCompiler.value(B.binary(.modulo, B.integer(-7), B.integer(3))) == .integer(-1))
        #expect(
            try ExpressionCompiler.value(B.binary(.add, B.integer(2_147_483_647), B.integer(1)))
                == .integer(-2_147_483_648)
        )
        let division = ExpressionCompiler.error(B.binary(.divide, B.column("score"), B.integer(0)))
        #expect(division?.kind == .execution)
        #expect(division?.message == "Division by zero")
    }

    @Test func doubleDivisionByZeroFollowsIEEEAndExactDivisionFails() throws {
        // PyFlink 2.3 with DOUBLE p = 1.5, n = -1.5, z = 0.0, INT i3 = 3, i0 = 0: p / 0 = Infinity,
        // n / 0 = -Infinity, z / 0 = NaN, p / i0 = i3 / z = CAST(i3 AS DOUBLE) / 0 = Infinity,
        // p / CAST(i0 AS DECIMAL(3,1)) = Infinity, CAST(i3 AS FLOAT) / 0 = 'Infinity';
        // i3 / i0 and CAST(i3 AS DECIMAL(3,1)) / i0 fail with "Division by zero".
        let score = B.column("score")
        let positive = B.cast(score, .double)
        let negative = B.cast(B.binary(.subtract, B.integer(0), score), .double)
        let zero = B.cast(B.integer(0), .double)
        #expect(try ExpressionCompiler.value(B.binary(.divide, positive, B.integer(0))) == .double(.infinity))
        #expect(try ExpressionCompiler.value(B.binary(.divide, negative, B.integer(0))) == .double(-.infinity))
        #expect(try ExpressionCompiler.value(B.binary(.divide, zero, B.integer(0))).doubleValue?.isNaN == true)
        #expect(try ExpressionCompiler.value(B.binary(.divide, score, zero)) == .double(.infinity))
        let decimalZero = B.cast(B.integer(0), SQLType(.decimal(precision: 3, scale: 1)))
        #expect(try ExpressionCompiler.value(B.binary(.divide, positive, decimalZero)) == .double(.infinity))
        let float = B.cast(score, SQLType(.float))
        #expect(try ExpressionCompiler.text(B.cast(B.binary(.divide, float, B.integer(0)), .string)) == "Infinity")
        let decimalScore = B.cast(score, SQLType(.decimal(precision: 3, scale: 1)))
        #expect(ExpressionCompiler.error(B.binary(.divide, decimalScore, B.integer(0)))?.message == "Division by zero")
        #expect(ExpressionCompiler.error(B.binary(.divide, score, B.integer(0)))?.message == "Division by zero")
    }

    @Test func decimalsAreExactWithTheirScale() throws {
        // Flink: 12.50 + 1.125 = 13.625; 12.50 * 1.5 = 18.750; 1.0 / 3 = 0.333333333333;
        // CAST(12 AS DECIMAL(5,1)) / 7 = 1.714285714286; CAST(1 AS DECIMAL(5,2)) + 1 = 2.00.
        #expect(try ExpressionCompiler.text(B.binary(.add, B.decimal("12.50"), B.decimal("1.125"))) == "13.625")
        #expect(try ExpressionCompiler.text(B.binary(.multiply, B.decimal("12.50"), B.decimal("1.5"))) == "18.750")
        #expect(try ExpressionCompiler.text(B.binary(.divide, B.decimal("1.0"), B.integer(3))) == "0.333333333333")
        let twelve = B.cast(B.integer(12), SQLType(.decimal(precision: 5, scale: 1)))
        #expect(try ExpressionCompiler.text(B.binary(.divide, twelve, B.integer(7))) == "1.714285714286")
        let one = B.cast(B.integer(1), SQLType(.decimal(precision: 5, scale: 2)))
        #expect(try ExpressionCompiler.text(B.binary(.add, one, B.integer(1))) == "2.00")
        #expect(try ExpressionCompiler.text(B.binary(.add, B.decimal("0.1"), B.decimal("0.2"))) == "0.3")
        #expect(try ExpressionCompiler.text(B.column("price")) == "12.50")
    }

    @Test func aNumberTooLargeForItsDecimalIsNull() throws {
        // PyFlink 2.3: CAST(CAST('99999999.99' AS DECIMAL(10,2)) AS DECIMAL(5,1)) is NULL,
        // CAST(CAST(12345678.9 AS DOUBLE) AS DECIMAL(10,4)) NULL, CAST(i * 100000 AS DECIMAL(3,1))
        // NULL, CAST('99999999.99' AS DECIMAL(5,1)) fails; DECIMAL(38, 0) sums and products past 38
        // digits are NULL.
        let tooLarge = B.cast(B.decimal("99999999.99"), SQLType(.decimal(precision: 5, scale: 1)))
        #expect(try ExpressionCompiler.value(tooLarge) == .null)
        #expect(try ExpressionCompiler.type(tooLarge).isNullable)
        let double = B.cast(B.cast(B.decimal("12345678.9"), .double), SQLType(.decimal(precision: 10, scale: 4)))
        #expect(try ExpressionCompiler.value(double) == .null)
        let integer = B.cast(
            B.binary(.multiply, B.column("score"), B.integer(100_000)),
            SQLType(.decimal(precision: 3, scale: 1))
        )
        #expect(try ExpressionCompiler.value(integer) == .null)
        let fits = B.cast(B.integer(42), SQLType(.decimal(precision: 12, scale: 2)))
        #expect(try ExpressionCompiler.text(fits) == "42.00")
        #expect(try !ExpressionCompiler.type(fits).isNullable)
        #expect(
            try ExpressionCompiler.type(B.cast(B.integer(42), SQLType(.decimal(precision: 11, scale: 2)))).isNullable
        )
        let text = B.cast(B.string("99999999.99"), SQLType(.decimal(precision: 5, scale: 1)))
        #expect(ExpressionCompiler.error(text)?.message.contains("does not fit") == true)
        let widest = SQLType(.decimal(precision: 38, scale: 0))
        let nines = B.cast(B.string(String(repeating: "9", count: 38)), widest)
        let three = B.cast(B.column("score"), widest)
        #expect(try ExpressionCompiler.value(B.binary(.add, nines, three)) == .null)
        #expect(try ExpressionCompiler.value(B.binary(.multiply, nines, three)) == .null)
    }

    @Test func castsEachWayAsFlink() throws {
        // Flink gave each of these.
        #expect(try ExpressionCompiler.text(B.cast(B.decimal("12.50"), .string)) == "12.50")
        #expect(try ExpressionCompiler.text(B.cast(B.double("1.0E10"), .string)) == "1.0E10")
        #expect(try ExpressionCompiler.text(B.cast(B.cast(B.decimal("123.0"), .double), .string)) == "123.0")
        #expect(try ExpressionCompiler.text(B.cast(B.cast(B.double("1e7"), .double), .string)) == "1.0E7")
        #expect(try ExpressionCompiler.text(B.cast(B.double("1e-5"), .string)) == "1.0E-5")
        #expect(
            try ExpressionCompiler.text(B.cast(B.binary(.add, B.double("0.1"), B.double("0.2")), .string))
                == "0.30000000000000004"
        )
        #expect(try ExpressionCompiler.value(B.cast(B.string("1.5"), .integer)) == .integer(1))
        #expect(try ExpressionCompiler.value(B.cast(B.string(" 12 "), .integer)) == .integer(12))
        #expect(try ExpressionCompiler.value(B.cast(B.string("-0012"), .bigInt)) == .integer(-12))
        #expect(try ExpressionCompiler.value(B.cast(B.string("1e3"), .double)) == .double(1000))
        #expect(try ExpressionCompiler.value(B.cast(B.decimal("2.7"), .integer)) == .integer(2))
        #expect(try ExpressionCompiler.value(B.cast(B.decimal("-2.5"), .integer)) == .integer(-2))
        #expect(try ExpressionCompiler.value(B.cast(B.integer(3_000_000_000), .integer)) == .integer(-1_294_967_296))
        #expect(
            try ExpressionCompiler.text(B.cast(B.decimal("1.005"), SQLType(.decimal(precision: 3, scale: 2)))) == "1.01"
        )
        #expect(
            try ExpressionCompiler.text(B.cast(B.decimal("-1.005"), SQLType(.decimal(precision: 3, scale: 2))))
                == "-1.01"
        )
        #expect(
            try ExpressionCompiler.text(
                B.cast(B.cast(B.decimal("1.005"), .double), SQLType(.decimal(precision: 3, scale: 2)))
            ) == "1.01"
        )
        #expect(try ExpressionCompiler.text(B.cast(B.boolean(true), .string)) == "TRUE")
        #expect(try ExpressionCompiler.value(B.cast(B.string("yes"), .boolean)) == .boolean(true))
        #expect(try ExpressionCompiler.value(B.cast(B.string("0"), .boolean)) == .boolean(false))
        let timestamp = B.cast(B.string("2024-01-02 03:04:05"), SQLType(.timestamp(precision: 3)))
        #expect(try ExpressionCompiler.text(B.cast(timestamp, .string)) == "2024-01-02 03:04:05.000")
        #expect(
            try ExpressionCompiler.text(B.cast(B.timestamp("2024-01-02 03:04:05"), .string)) == "2024-01-02 03:04:05"
        )
        #expect(
            try ExpressionCompiler.text(B.cast(B.column("ts"), SQLType(.timestampWithLocalTimeZone(precision: 3))))
                == "2024-01-02 03:04:05.123"
        )
    }

    @Test func castFailuresAreErrorsAndTryCastIsNull() throws {
        let invalid = ExpressionCompiler.error(B.cast(B.string("abc"), .integer))
        #expect(invalid?.kind == .execution)
        #expect(invalid?.message.contains("abc") == true)
        #expect(
            ExpressionCompiler.error(B.cast(B.string("123.4"), SQLType(.decimal(precision: 3, scale: 1))))?.kind
                == .execution
        )
        #expect(
            ExpressionCompiler.error(B.cast(B.string("2024-13-01 00:00:00"), SQLType(.timestamp(precision: 3))))?.kind
                == .execution
        )
        #expect(try ExpressionCompiler.value(B.cast(B.string("abc"), .integer, isTry: true)) == .null)
        #expect(
            try ExpressionCompiler.value(
                B.cast(B.decimal("123.4"), SQLType(.decimal(precision: 3, scale: 1)), isTry: true)
            ) == .null
        )
        #expect(ExpressionCompiler.error(B.cast(B.column("ts"), .integer))?.kind == .validation)
    }

    @Test func likeWithWildcardsAndEscape() throws {
        func like(_ text: String, _ pattern: String, escape: String? = nil) throws -> SQLValue {
            try ExpressionCompiler.value(
                SQLExpression(
                    .like(B.string(text), pattern: B.string(pattern), escape: escape.map(B.string), negated: false),
                    at: B.here
                )
            )
        }
        // Flink: 'abc' LIKE 'a_c' TRUE, 'a%c' LIKE 'a!%c' ESCAPE '!' TRUE, 'abc' LIKE 'A%' FALSE.
        #expect(try like("abc", "a_c") == .boolean(true))
        #expect(try like("a%c", "a!%c", escape: "!") == .boolean(true))
        #expect(try like("abc", "a!%c", escape: "!") == .boolean(false))
        #expect(try like("abc", "A%") == .boolean(false))
        #expect(try like("abcabc", "%b%c") == .boolean(true))
        #expect(try like("", "%") == .boolean(true))
        #expect(
            try ExpressionCompiler.value(
                SQLExpression(
                    .like(B.castNull(.string), pattern: B.string("%"), escape: nil, negated: false),
                    at: B.here
                )
            ) == .null
        )
    }

    @Test func stringFunctionsAsFlink() throws {
        // Each expected value is what Flink 2.3 gave.
        #expect(
            try ExpressionCompiler.value(B.call("SUBSTRING", B.string("hello"), B.integer(0), B.integer(3)))
                == .string("hel")
        )
        #expect(
            try ExpressionCompiler.value(B.call("SUBSTRING", B.string("hello"), B.integer(-3), B.integer(2)))
                == .string("ll")
        )
        #expect(
            try ExpressionCompiler.value(B.call("SUBSTRING", B.string("hello"), B.integer(-10), B.integer(2)))
                == .string("")
        )
        #expect(try ExpressionCompiler.value(B.call("SUBSTR", B.string("hello"), B.integer(2))) == .string("ello"))
        #expect(try ExpressionCompiler.value(B.call("SUBSTRING", B.string("hello"), B.integer(10))) == .string(""))
        #expect(try ExpressionCompiler.value(B.call("CONCAT", B.string("a"), B.castNull(.string))) == .null)
        #expect(
            try ExpressionCompiler.value(
                B.call("CONCAT_WS", B.string("-"), B.string("a"), B.castNull(.string), B.string("b"))
            ) == .string("a-b")
        )
        #expect(try ExpressionCompiler.value(B.binary(.concatenate, B.string("a"), B.string("b"))) == .string("ab"))
        #expect(
            try ExpressionCompiler.value(B.call("LPAD", B.string("hi"), B.integer(5), B.string("xy")))
                == .string("xyxhi")
        )
        #expect(
            try ExpressionCompiler.value(B.call("RPAD", B.string("hi"), B.integer(5), B.string("xy")))
                == .string("hixyx")
        )
        #expect(
            try ExpressionCompiler.value(B.call("LPAD", B.string("hello"), B.integer(3), B.string("x")))
                == .string("hel")
        )
        #expect(try ExpressionCompiler.value(B.call("INITCAP", B.string("hELLO wORLD"))) == .string("Hello World"))
        #expect(try ExpressionCompiler.value(B.call("REVERSE", B.string("abc"))) == .string("cba"))
        #expect(try ExpressionCompiler.value(B.call("POSITION", B.string("b"), B.string("abcb"))) == .integer(2))
        #expect(
            try ExpressionCompiler.value(B.call("LOCATE", B.string("b"), B.string("abcb"), B.integer(3))) == .integer(4)
        )
        #expect(
            try ExpressionCompiler.value(B.call("SPLIT_INDEX", B.string("a,b,c"), B.string(","), B.integer(1)))
                == .string("b")
        )
        #expect(
            try ExpressionCompiler.value(B.call("SPLIT_INDEX", B.string("a,b,c"), B.string(","), B.integer(5))) == .null
        )
        #expect(
            try ExpressionCompiler.value(B.call("REGEXP_REPLACE", B.string("foobar"), B.string("o+"), B.string("X")))
                == .string("fXbar")
        )
        #expect(
            try ExpressionCompiler.value(
                B.call("REGEXP_EXTRACT", B.string("foo123bar"), B.string("([a-z]+)([0-9]+)"), B.integer(2))
            ) == .string("123")
        )
        #expect(try ExpressionCompiler.value(B.call("REGEXP_EXTRACT", B.string("foo"), B.string("[0-9]+"))) == .null)
        #expect(
            try ExpressionCompiler.value(B.call("TRIM", B.string("BOTH"), B.string("x"), B.string("xxaxx")))
                == .string("a")
        )
        #expect(
            try ExpressionCompiler.value(B.call("TRIM", B.string("LEADING"), B.string(" "), B.string("  a  ")))
                == .string("a  ")
        )
        #expect(try ExpressionCompiler.value(B.call("LTRIM", B.string("  a"))) == .string("a"))
        #expect(try ExpressionCompiler.value(B.call("CHAR_LENGTH", B.string("héllo"))) == .integer(5))
        #expect(try ExpressionCompiler.value(B.call("UPPER", B.column("game_id", qualifier: "g"))) == .string("G1"))
        #expect(
            try ExpressionCompiler.value(B.call("REPLACE", B.string("aaa"), B.string("a"), B.string("bb")))
                == .string("bbbbbb")
        )
        #expect(try ExpressionCompiler.value(B.call("UPPER", B.castNull(.string))) == .null)
        #expect(
            try ExpressionCompiler.value(
                B.call("JSON_VALUE", B.string(#"{"a": {"b": [1, 2, 3]}}"#), B.string("$.a.b[1]"))
            ) == .string("2")
        )
        #expect(
            try ExpressionCompiler.value(B.call("JSON_VALUE", B.string(#"{"a": "x"}"#), B.string("$.a")))
                == .string("x")
        )
        #expect(
            try ExpressionCompiler.value(B.call("JSON_VALUE", B.string(#"{"a": {"b":1}}"#), B.string("$.a"))) == .null
        )
    }

    @Test func numericFunctionsAsFlink() throws {
        // Flink: ROUND(2.5, 0) = 3, ROUND(-2.5, 0) = -3, ROUND(1.2345, 2) = 1.23, ROUND(12345, -2) = 12300,
        // MOD(-7, 3) = -1, ABS(-2.50) = 2.50, SIGN(-2.5) = -1.0, FLOOR(2.7) = 2, CEIL(2.1) = 3, FLOOR(-2.5) = -3.
        #expect(try ExpressionCompiler.text(B.call("ROUND", B.decimal("2.5"), B.integer(0))) == "3")
        #expect(try ExpressionCompiler.text(B.call("ROUND", B.decimal("-2.5"), B.integer(0))) == "-3")
        #expect(try ExpressionCompiler.text(B.call("ROUND", B.decimal("1.2345"), B.integer(2))) == "1.23")
        #expect(try ExpressionCompiler.value(B.call("ROUND", B.integer(12345), B.integer(-2))) == .integer(12300))
        #expect(
            try ExpressionCompiler.value(B.call("ROUND", B.cast(B.decimal("2.5"), .double), B.integer(0))) == .double(3)
        )
        #expect(try ExpressionCompiler.value(B.call("MOD", B.integer(-7), B.integer(3))) == .integer(-1))
        #expect(try ExpressionCompiler.text(B.call("ABS", B.decimal("-2.50"))) == "2.50")
        #expect(try ExpressionCompiler.text(B.call("SIGN", B.decimal("-2.5"))) == "-1.0")
        #expect(try ExpressionCompiler.text(B.call("FLOOR", B.decimal("2.7"))) == "2")
        #expect(try ExpressionCompiler.text(B.call("CEIL", B.decimal("2.1"))) == "3")
        #expect(try ExpressionCompiler.text(B.call("FLOOR", B.decimal("-2.5"))) == "-3")
        #expect(try ExpressionCompiler.value(B.call("POWER", B.integer(2), B.integer(10))) == .double(1024))
        #expect(try ExpressionCompiler.value(B.call("SQRT", B.integer(16))) == .double(4))
        #expect(try ExpressionCompiler.value(B.call("LOG10", B.integer(1000))) == .double(3))
        #expect(try ExpressionCompiler.value(B.call("ABS", B.castNull(.integer))) == .null)
    }

    @Test func conditionalFunctions() throws {
        // Flink: NULLIF(1, 1) NULL, IFNULL(NULL, 5) 5, IF(1 > 2, 'a', 'b') 'b', COALESCE(NULL, 2) 2.
        #expect(try ExpressionCompiler.value(B.call("NULLIF", B.integer(1), B.integer(1))) == .null)
        #expect(try ExpressionCompiler.value(B.call("IFNULL", B.castNull(.integer), B.integer(5))) == .integer(5))
        #expect(
            try ExpressionCompiler.value(
                B.call("IF", B.binary(.greater, B.integer(1), B.integer(2)), B.string("a"), B.string("b"))
            ) == .string("b")
        )
        #expect(try ExpressionCompiler.value(B.call("COALESCE", B.castNull(.integer), B.integer(2))) == .integer(2))
        let simple = SQLExpression(
            .caseWhen(
                operand: B.column("score"),
                branches: [CaseBranch(condition: B.integer(42), result: B.string("hit"))],
                otherwise: nil
            ),
            at: B.here
        )
        #expect(try ExpressionCompiler.value(simple) == .string("hit"))
    }

    @Test func timeFunctionsAsFlink() throws {
        let t = B.timestamp("2024-03-05 14:07:09.045")
        // Flink: DATE_FORMAT(..., 'yyyy-MM-dd HH:mm:ss.SSS E a') = '2024-03-05 14:07:09.045 Tue PM'.
        #expect(
            try ExpressionCompiler.value(B.call("DATE_FORMAT", t, B.string("yyyy-MM-dd HH:mm:ss.SSS E a")))
                == .string("2024-03-05 14:07:09.045 Tue PM")
        )
        #expect(
            try ExpressionCompiler.value(B.call("DATE_FORMAT", t, B.string("yy/M/d H:m:s"))) == .string("24/3/5 14:7:9")
        )
        // Flink: FLOOR TO HOUR 14:00, CEIL TO DAY 03-06, FLOOR TO MONTH 03-01, FLOOR TO WEEK 03-03 (Sunday).
        #expect(try ExpressionCompiler.text(B.call("FLOOR", t, B.unit(.hour))) == "2024-03-05 14:00:00.000")
        #expect(try ExpressionCompiler.text(B.call("CEIL", t, B.unit(.day))) == "2024-03-06 00:00:00.000")
        #expect(try ExpressionCompiler.text(B.call("FLOOR", t, B.unit(.month))) == "2024-03-01 00:00:00.000")
        #expect(try ExpressionCompiler.text(B.call("FLOOR", t, B.unit(.week))) == "2024-03-03 00:00:00.000")
        // Flink: EXTRACT(QUARTER) 1, EXTRACT(WEEK) 10.
        #expect(try ExpressionCompiler.value(B.call("EXTRACT", B.unit(.quarter), t)) == .integer(1))
        #expect(try ExpressionCompiler.value(B.call("EXTRACT", B.unit(.week), t)) == .integer(10))
        #expect(try ExpressionCompiler.value(B.call("HOUR", t)) == .integer(14))
        // Flink: TIMESTAMPDIFF(MONTH, 01-31, 02-29) = 1; (HOUR, 00:00, 05:59) = 5; (DAY, 01-02, 01-01 01:00) = 0.
        #expect(
            try ExpressionCompiler.value(
                B.call(
                    "TIMESTAMPDIFF",
                    B.unit(.month),
                    B.timestamp("2024-01-31 00:00:00"),
                    B.timestamp("2024-02-29 00:00:00")
                )
            ) == .integer(1)
        )
        #expect(
            try ExpressionCompiler.value(
                B.call(
                    "TIMESTAMPDIFF",
                    B.unit(.hour),
                    B.timestamp("2024-01-01 00:00:00"),
                    B.timestamp("2024-01-01 05:59:00")
                )
            ) == .integer(5)
        )
        #expect(
            try ExpressionCompiler.value(
                B.call(
                    "TIMESTAMPDIFF",
                    B.unit(.day),
                    B.timestamp("2024-01-02 00:00:00"),
                    B.timestamp("2024-01-01 01:00:00")
                )
            ) == .integer(0)
        )
        #expect(
            try ExpressionCompiler.text(
                B.call("TIMESTAMPADD", B.unit(.month), B.integer(1), B.timestamp("2024-01-31 10:00:00"))
            ) == "2024-02-29 10:00:00"
        )
        // Flink: + INTERVAL '1' MONTH from 01-31 is 02-29; - INTERVAL '1 02' DAY TO HOUR is 01-30 08:00.
        #expect(
            try ExpressionCompiler.text(B.binary(.add, B.timestamp("2024-01-31 10:00:00"), B.interval("1", .month)))
                == "2024-02-29 10:00:00"
        )
        #expect(
            try ExpressionCompiler.text(
                B.binary(.subtract, B.timestamp("2024-01-31 10:00:00"), B.interval("1 02", .day, to: .hour))
            ) == "2024-01-30 08:00:00"
        )
        #expect(try ExpressionCompiler.value(B.interval("1.5", .second)) == .dayTimeInterval(1500))
        #expect(
            try ExpressionCompiler.text(B.call("TO_TIMESTAMP_LTZ", B.integer(1_700_000_000), B.integer(0)))
                == "2023-11-14 22:13:20.000"
        )
        #expect(
            try ExpressionCompiler.value(B.call("TO_TIMESTAMP_LTZ", B.integer(1_700_000_000_123), B.integer(3)))
                == .timestamp(1_700_000_000_123)
        )
        #expect(
            try ExpressionCompiler.value(B.call("TO_TIMESTAMP", B.string("2024/01/02"), B.string("yyyy/MM/dd")))
                == .timestamp(1_704_153_600_000)
        )
        #expect(try ExpressionCompiler.value(B.call("TO_TIMESTAMP", B.string("garbage"))) == .null)
        #expect(
            try ExpressionCompiler.value(B.call("UNIX_TIMESTAMP", B.string("2024-01-02 03:04:05")))
                == .integer(1_704_164_645)
        )
        #expect(
            try ExpressionCompiler.value(B.call("FROM_UNIXTIME", B.integer(1_700_000_000)))
                == .string("2023-11-14 22:13:20")
        )
        #expect(ExpressionCompiler.error(B.call("NOW"))?.kind == .unsupported)
    }

    @Test func rowsArraysAndMaps() throws {
        #expect(
            try ExpressionCompiler.value(
                SQLExpression(.fieldAccess(B.column("device"), field: Identifier("version")), at: B.here)
            ) == .integer(17)
        )
        #expect(try ExpressionCompiler.value(B.call("ITEM", B.column("tags"), B.integer(2))) == .string("b"))
        #expect(try ExpressionCompiler.value(B.call("ITEM", B.column("tags"), B.integer(5))) == .null)
        #expect(try ExpressionCompiler.value(B.call("CARDINALITY", B.column("tags"))) == .integer(2))
        #expect(
            ExpressionCompiler.error(
                SQLExpression(.fieldAccess(B.column("device"), field: Identifier("model")), at: B.here)
            )?.kind == .validation
        )
    }
}
