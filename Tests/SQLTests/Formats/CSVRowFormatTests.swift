import Foundation
import SQL
import Testing

@Suite struct CSVRowFormatTests {
    static let columns: [SQLType.Field] = [
        .init(name: "id", type: .bigInt),
        .init(name: "name", type: .string),
        .init(name: "price", type: SQLType(.decimal(precision: 6, scale: 2))),
        .init(name: "ts", type: SQLType(.timestamp(precision: 3))),
    ]

    func decode(_ text: String, options: [String: String] = [:]) throws -> SQLRow? {
        let format = try CSVRowFormat(columns: Self.columns, options: options)
        return try Array(text.utf8).withUnsafeBytes { bytes throws(SQLError) in try format.decode(bytes) }
    }

    @Test func decodesColumnsByPositionWithQuotes() throws {
        #expect(
            try decode("7,\"a,\"\"b\"\"\",1.5,2024-01-02 03:04:05.123\n") == [
                .integer(7), .string("a,\"b\""), .decimal(Decimal(string: "1.50")!), .timestamp(1_704_164_645_123),
            ]
        )
        #expect(
            try decode("7;x;;", options: ["csv.field-delimiter": ";"]) == [.integer(7), .string("x"), .null, .null]
        )
    }

    @Test func commentsNullLiteralAndParseErrors() throws {
        #expect(try decode("# comment", options: ["csv.allow-comments": "true"]) == nil)
        #expect(try decode("1,NULL,2,", options: ["csv.null-literal": "NULL"])?[1] == .null)
        let error = #expect(throws: SQLError.self) { try decode("x,a,1,") }
        #expect(error?.message.contains("'id'") == true)
        #expect(throws: SQLError.self) { try decode("1,a") }
        #expect(
            try decode("x,a,1,", options: ["csv.ignore-parse-errors": "true"]) == [
                .null, .string("a"), .decimal(1), .null,
            ]
        )
        #expect(throws: SQLError.self) { try CSVRowFormat(columns: Self.columns, options: ["csv.bogus": "1"]) }
    }

    @Test func encodesAndRoundTrips() throws {
        let format = try CSVRowFormat(columns: Self.columns)
        let row: SQLRow = [
            .integer(1), .string("a,b"), .decimal(Decimal(string: "2.50")!), .timestamp(1_704_164_645_000),
        ]
        #expect(String(decoding: format.encode(row), as: UTF8.self) == "1,\"a,b\",2.50,2024-01-02 03:04:05")
        #expect(try format.encode(row).withUnsafeBytes { bytes throws(SQLError) in try format.decode(bytes) } == row)
    }
}
