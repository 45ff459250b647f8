import SQL
import Testing

@Suite struct DateFormatTests {
    typealias B = Build

    @Test func formatsWithJavaLetters() throws {
        let t = B.timestamp("2024-12-31 23:05:09.007")
        func format(_ pattern: String) throws -> SQLValue {
            try ExpressionCompiler.value(B.call("DATE_FORMAT", t, B.string(pattern)))
        }
        #expect(try format("yyyy-MM-dd HH:mm") == .string("2024-12-31 23:05"))
        #expect(try format("yy-M-d h:m:s a") == .string("24-12-31 11:5:9 PM"))
        #expect(try format("EEEE, MMMM d 'at' HH'h'") == .string("Tuesday, December 31 at 23h"))
        #expect(try format("ss.SSS S") == .string("09.007 0"))
        #expect(
            try ExpressionCompiler.value(B.call("DATE_FORMAT", B.string("2024-01-02 03:04:05"), B.string("HH:mm")))
                == .string("03:04")
        )
        #expect(
            try ExpressionCompiler.value(
                B.call("DATE_FORMAT", B.castNull(SQLType(.timestamp(precision: 3))), B.string("HH"))
            ) == .null
        )
    }

    @Test func parsesWithJavaLetters() throws {
        func parse(_ text: String, _ pattern: String) throws -> SQLValue {
            try ExpressionCompiler.value(B.call("TO_TIMESTAMP", B.string(text), B.string(pattern)))
        }
        #expect(try parse("20240102 030405", "yyyyMMdd HHmmss") == .timestamp(1_704_164_645_000))
        #expect(try parse("02.01.2024 3:04 PM", "dd.MM.yyyy h:mm a") == .timestamp(1_704_207_840_000))
        #expect(try parse("2024-02-30", "yyyy-MM-dd") == .null)
        #expect(try parse("2024-01-02 junk", "yyyy-MM-dd") == .null)
    }

    @Test func timestampTextEdgeCases() {
        #expect(TimestampText.parse("2024-01-02T03:04:05.123456") == 1_704_164_645_123)
        #expect(TimestampText.parse("  2024-1-2  ") == 1_704_153_600_000)
        #expect(TimestampText.parse("1969-12-31 23:59:59.999") == -1)
        #expect(TimestampText.string(-1, fraction: .digits(3)) == "1969-12-31 23:59:59.999")
        #expect(TimestampText.parse("2023-02-29 00:00:00") == nil)
        #expect(TimestampText.string(1_704_164_645_120, fraction: .minimal) == "2024-01-02 03:04:05.12")
    }
}
