import Foundation
import SQL
import Testing

@Suite struct SQLValueOrderingTests {
    @Test func nullFirstAndNumbersAcrossKinds() {
        let values: [SQLValue] = [
            .integer(3), .null, .double(2.5), .decimal(Decimal(string: "2.75")!), .integer(-1), .double(.nan),
        ]
        let sorted = values.sorted(by: SQLValue.sortsBefore)
        #expect(sorted.first == .null)
        #expect(
            Array(sorted.dropFirst().prefix(4)) == [
                .integer(-1), .double(2.5), .decimal(Decimal(string: "2.75")!), .integer(3),
            ]
        )
        #expect(sorted.last?.doubleValue?.isNaN == true)
        #expect(SQLValue.compare(.integer(1), .decimal(1)) == 0)
        #expect(SQLValue.compare(.integer(1), .double(1)) == 0)
    }

    @Test func stringsByBytesAndRowsFieldByField() {
        #expect(SQLValue.compare(.string("B"), .string("a")) < 0)
        #expect(SQLValue.compare(.string("ab"), .string("abc")) < 0)
        #expect(SQLValue.compare(.string("é"), .string("z")) > 0)
        #expect(SQLValue.compare(.row([.integer(1), .string("b")]), .row([.integer(1), .string("a")])) > 0)
        #expect(SQLValue.compare(.boolean(false), .boolean(true)) < 0)
        #expect(SQLValue.compare(.timestamp(5), .timestamp(7)) < 0)
    }

    @Test func arithmeticForAResultType() throws {
        #expect(try SQLValue.add(.integer(2_147_483_647), .integer(1), as: .integer) == .integer(-2_147_483_648))
        #expect(try SQLValue.add(.integer(2_147_483_647), .integer(1), as: .bigInt) == .integer(2_147_483_648))
        let decimal = SQLType(.decimal(precision: 5, scale: 2))
        #expect(
            try SQLValue.add(.decimal(Decimal(string: "0.1")!), .decimal(Decimal(string: "0.2")!), as: decimal)
                == .decimal(Decimal(string: "0.3")!)
        )
        #expect(try SQLValue.subtract(.decimal(1), .null, as: decimal) == .null)
        // Overflowing the precision is NULL, as Flink's DecimalData.
        #expect(try SQLValue.add(.decimal(999), .decimal(1), as: decimal) == .null)
    }

    @Test func displaysValuesForTheAPIAndTheClient() {
        func json(_ value: SQLValue, _ type: SQLType) -> String {
            var output: [UInt8] = []
            value.appendJSON(as: type, to: &output)
            return String(decoding: output, as: UTF8.self)
        }
        #expect(json(.decimal(Decimal(string: "12.5")!), SQLType(.decimal(precision: 4, scale: 2))) == "\"12.50\"")
        #expect(json(.double(.infinity), .double) == "\"Infinity\"")
        #expect(json(.double(0.5), .double) == "0.5")
        #expect(json(.timestamp(1_704_164_645_000), SQLType(.timestamp(precision: 3))) == "\"2024-01-02 03:04:05.000\"")
        #expect(json(.date(19724), SQLType(.date)) == "\"2024-01-02\"")
        let row = SQLType(.row(fields: [.init(name: "os", type: .string), .init(name: "n", type: .integer)]))
        #expect(json(.row([.string("ios"), .null]), row) == #"{"os":"ios","n":null}"#)
        #expect(json(.array([.integer(1), .integer(2)]), SQLType(.array(element: .integer))) == "[1,2]")
        #expect(SQLValue.null.plainText(as: .integer) == "<NULL>")
        #expect(SQLValue.double(1e-5).plainText(as: .double) == "1.0E-5")
    }
}
