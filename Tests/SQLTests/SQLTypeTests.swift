import SQL
import Testing

@Suite struct SQLTypeTests {
    @Test func printsTypesAsFlinkDoes() {
        #expect(SQLType.string.description == "STRING")
        #expect(SQLType.bigInt.notNull.description == "BIGINT NOT NULL")
        #expect(SQLType(.decimal(precision: 10, scale: 2)).description == "DECIMAL(10, 2)")
        #expect(SQLType(.timestampWithLocalTimeZone(precision: 3)).description == "TIMESTAMP_LTZ(3)")
        #expect(SQLType(.varchar(length: 20)).description == "VARCHAR(20)")
        let row = SQLType(.row(fields: [.init(name: "os", type: .string), .init(name: "version", type: .integer)]))
        #expect(row.description == "ROW<`os` STRING, `version` INT>")
    }

    @Test func unsupportedErrorsSayNotSupported() {
        #expect(SQLError.unsupported("MATCH_RECOGNIZE").message == "not supported: MATCH_RECOGNIZE")
        let error = SQLError.syntax("Encountered \"FORM\"", at: SourceLocation(line: 2, column: 8, offset: 20))
        #expect(error.description == "Encountered \"FORM\" (line 2, column 8)")
    }
}
