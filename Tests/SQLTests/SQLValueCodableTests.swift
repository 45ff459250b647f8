import FastJSON
import Foundation
import SQL
import Testing

/// Values survive a checkpoint exactly: written by FastJSON's encoder (as checkpoints are) and read
/// back by Foundation's decoder (as restores are).
@Suite struct SQLValueCodableTests {
    static let values: [SQLValue] = [
        .null, .boolean(true), .integer(-9_007_199_254_740_993), .double(0.1), .double(.infinity),
        .double(-.infinity), .decimal(Decimal(string: "12345678.9000")!), .decimal(Decimal(string: "-0.000001")!),
        .decimal(Decimal(string: "99999999999999999999999999999999999.99")!), .string("a \"quoted\" ünïcode"),
        .timestamp(-1), .date(19_783), .time(3_600_000), .dayTimeInterval(5_000), .yearMonthInterval(14),
        .row([.integer(1), .null, .row([.string("nested")])]), .array([.decimal(1), .null]),
        .map([SQLMapEntry(key: .string("k"), value: .integer(2))]),
    ]

    @Test func everyValueComesBackAsItWas() throws {
        let bytes = try FastJSONEncoder().encode(Self.values)
        let decoded = try JSONDecoder().decode([SQLValue].self, from: bytes)
        #expect(decoded == Self.values)
        let nan = try JSONDecoder().decode(SQLValue.self, from: try FastJSONEncoder().encode(SQLValue.double(.nan)))
        guard case .double(let value) = nan else {
            Issue.record("NaN came back as \(nan)")
            return
        }
        #expect(value.isNaN)
    }
}
