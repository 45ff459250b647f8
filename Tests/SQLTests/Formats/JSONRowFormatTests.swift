import Foundation
import SQL
import Testing

@Suite struct JSONRowFormatTests {
    static let device = SQLType(
        .row(fields: [.init(name: "os", type: .string), .init(name: "version", type: .integer)])
    )
    static let columns: [SQLType.Field] = [
        .init(name: "id", type: .bigInt),
        .init(name: "score", type: .integer),
        .init(name: "name", type: .string),
        .init(name: "ok", type: .boolean),
        .init(name: "ratio", type: .double),
        .init(name: "price", type: SQLType(.decimal(precision: 10, scale: 2))),
        .init(name: "ts", type: SQLType(.timestamp(precision: 3))),
        .init(name: "at", type: SQLType(.timestampWithLocalTimeZone(precision: 3))),
        .init(name: "device", type: device),
        .init(name: "tags", type: SQLType(.array(element: .string))),
    ]

    func decode(_ text: String, options: [String: String] = [:]) throws -> SQLRow? {
        let format = try JSONRowFormat(columns: Self.columns, options: options)
        return try Array(text.utf8).withUnsafeBytes { bytes throws(SQLError) in try format.decode(bytes) }
    }

    @Test func decodesEveryTypeAndNestedRows() throws {
        let row = try decode(
            #"{"id": 9007199254740993, "score": 42, "name": "a\"b", "ok": true, "ratio": 0.5, "price": 12.345678901234567,"#
                + #" "ts": "2024-01-02 03:04:05.123", "at": "2024-01-02 03:04:05Z", "device": {"version": 17, "os": "ios"},"#
                + #" "tags": ["x", "y"], "extra": {"ignored": [1, 2]}}"#
        )
        #expect(
            row == [
                .integer(9_007_199_254_740_993), .integer(42), .string("a\"b"), .boolean(true), .double(0.5),
                .decimal(Decimal(string: "12.35")!), .timestamp(1_704_164_645_123), .timestamp(1_704_164_645_000),
                .row([.string("ios"), .integer(17)]), .array([.string("x"), .string("y")]),
            ]
        )
    }

    @Test func aKeyGivenTwiceTakesItsLastValue() throws {
        // Flink's JSON reader (Jackson's tree) keeps the last of duplicate keys, nested ones too.
        let row = try decode(
            #"{"id": 4, "score": 1, "id": 5, "device": {"os": "ios", "os": "android"}, "score": null}"#
        )
        #expect(row?[0] == .integer(5))
        #expect(row?[1] == .null)
        #expect(row?[8] == .row([.string("android"), .null]))
    }

    @Test func missingFieldsAreNullUnlessRequired() throws {
        let row = try decode(#"{"id": 1, "device": {"os": "android"}}"#)
        #expect(row?[1] == .null)
        #expect(row?[8] == .row([.string("android"), .null]))
        let error = #expect(throws: SQLError.self) {
            try decode(#"{"id": 1}"#, options: ["json.fail-on-missing-field": "true"])
        }
        #expect(error?.message.contains("'score'") == true)
    }

    @Test func numbersFromNumericStringsAndStringsFromAnyValue() throws {
        let row = try decode(
            #"{"id": "12", "score": 1.7, "name": {"k": [1, 2]}, "ok": "TRUE", "ratio": "1e3", "price": "0.1"}"#
        )
        #expect(row?[0] == .integer(12))
        // Jackson's asInt truncates a number in range.
        #expect(row?[1] == .integer(1))
        // Flink gave '{"k":[1,2]}': a non-string value as its compact JSON text.
        #expect(row?[2] == .string(#"{"k":[1,2]}"#))
        #expect(row?[3] == .boolean(true))
        #expect(row?[4] == .double(1000))
        #expect(row?[5] == .decimal(Decimal(string: "0.10")!))
    }

    @Test func wrongTypesNameTheFieldAndWhatWasFound() throws {
        let error = #expect(throws: SQLError.self) { try decode(#"{"score": "abc"}"#) }
        #expect(error?.kind == .execution)
        #expect(error?.message == #"Failed to deserialize JSON: field 'score' expects INT, found "abc""#)
        let nested = #expect(throws: SQLError.self) { try decode(#"{"device": {"version": true}}"#) }
        #expect(nested?.message.contains("device.version") == true)
        #expect(throws: SQLError.self) { try decode(#"{"ts": "2024-01-02T03:04:05"}"#) }
        #expect(throws: SQLError.self) { try decode(#"{"id": 1"#) }
        #expect(throws: SQLError.self) { try decode(#"[1]"#) }
    }

    @Test func ignoreParseErrorsSkipsTheRecord() throws {
        let options = ["json.ignore-parse-errors": "true"]
        #expect(try decode(#"{"score": "abc"}"#, options: options) == nil)
        #expect(try decode("not json", options: options) == nil)
        #expect(try decode(#"{"score": 3}"#, options: options)?[1] == .integer(3))
    }

    @Test func isoTimestampsWithTheOption() throws {
        let row = try decode(
            #"{"ts": "2024-01-02T03:04:05.5", "at": "2024-01-02T03:04:05.5Z"}"#,
            options: ["json.timestamp-format.standard": "ISO-8601"]
        )
        #expect(row?[6] == .timestamp(1_704_164_645_500))
        #expect(row?[7] == .timestamp(1_704_164_645_500))
    }

    @Test func encodesAsFlinkAndRoundTrips() throws {
        let format = try JSONRowFormat(columns: Self.columns)
        let row: SQLRow = [
            .integer(1), .null, .string("é\n"), .boolean(false), .double(1e10), .decimal(Decimal(string: "12.5")!),
            .timestamp(1_704_164_645_100), .timestamp(1_704_164_645_000), .row([.string("ios"), .integer(17)]),
            .array([.string("x")]),
        ]
        let encoded = String(decoding: format.encode(row), as: UTF8.self)
        // Flink wrote DECIMAL(6, 2) 12.50 as 12.5, TIMESTAMP '...05.100' as "...05.1" and the LTZ with a Z.
        #expect(
            encoded
                == #"{"id":1,"score":null,"name":"é\n","ok":false,"ratio":1.0E10,"price":12.5,"ts":"2024-01-02 03:04:05.1","#
                + #""at":"2024-01-02 03:04:05Z","device":{"os":"ios","version":17},"tags":["x"]}"#
        )
        let decoded = try format.encode(row).withUnsafeBytes { bytes throws(SQLError) in try format.decode(bytes) }
        #expect(decoded == row)
        func price(_ value: String, options: [String: String] = [:]) throws -> String {
            let format = try JSONRowFormat(
                columns: [.init(name: "p", type: SQLType(.decimal(precision: 10, scale: 2)))],
                options: options
            )
            return String(decoding: format.encode([.decimal(Decimal(string: value)!)]), as: UTF8.self)
        }
        // Jackson's BigDecimal.toString of the normalized value, unless plain numbers are asked for.
        #expect(try price("100.00") == #"{"p":1E+2}"#)
        #expect(try price("100.00", options: ["json.encode.decimal-as-plain-number": "true"]) == #"{"p":100}"#)
        #expect(try price("0.01") == #"{"p":0.01}"#)
        #expect(try price("-1.50") == #"{"p":-1.5}"#)
    }

    @Test func factoryRefusesUnknownFormatsAndOptions() {
        let error = #expect(throws: SQLError.self) {
            try RowFormats.make(format: "json", columns: Self.columns, options: ["json.foo": "1", "topic": "t"])
        }
        #expect(error?.message.hasPrefix("Unsupported options found for 'json': json.foo") == true)
        #expect(throws: SQLError.self) { try RowFormats.make(format: "avro", columns: Self.columns, options: [:]) }
        #expect(throws: SQLError.self) {
            try RowFormats.make(format: "json", columns: Self.columns, options: ["json.ignore-parse-errors": "maybe"])
        }
    }
}
