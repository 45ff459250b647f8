import FastJSON
import Foundation
import Testing

@Suite struct FastJSONEncoderTests {
    enum Kind: String, Codable { case move, resign }

    /// A nested value with snake_case keys, as window results have.
    struct Window: Codable, Equatable {
        var key: String
        var windowStart: Int64
        var windowEnd: Int64

        enum CodingKeys: String, CodingKey {
            case key
            case windowStart = "window_start"
            case windowEnd = "window_end"
        }
    }

    struct Sample: Codable, Equatable {
        var name: String
        var kind: Kind
        var count: Int64
        var small: UInt8
        var ratio: Double
        var flag: Bool
        var missing: String?
        var present: Int?
        var list: [Int]
        var nested: [String: [Double]]
        var window: Window
        var bytes: Data
        var empty: [String]
    }

    static let sample = Sample(
        name: "caf\u{e9} \"q\" \\ / \n\t\u{1}",
        kind: .resign,
        count: -9_007_199_254_740_993,
        small: 255,
        ratio: 2.25,
        flag: true,
        missing: nil,
        present: 0,
        list: [1, -2, 3],
        nested: ["zeta": [1, -150, 0.1], "alpha": [], "mid": [3.5]],
        window: Window(key: "g1", windowStart: 0, windowEnd: 60_000),
        bytes: Data([0, 1, 2, 250, 251]),
        empty: []
    )

    static func foundation(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func writesWhatFoundationWritesWithSortedKeys() throws {
        let fast = String(decoding: try FastJSONEncoder().encode(Self.sample), as: UTF8.self)
        #expect(fast == (try Self.foundation(Self.sample)))
        #expect(try JSONDecoder().decode(Sample.self, from: Data(fast.utf8)) == Self.sample)
    }

    @Test func writesScalarsAndCollectionsAtTheTopLevel() throws {
        #expect(try FastJSONEncoder().encodeBytes("a\"b") == Array(#""a\"b""#.utf8))
        #expect(try FastJSONEncoder().encodeBytes([Int64(1), 2]) == Array("[1,2]".utf8))
        #expect(
            try FastJSONEncoder().encodeBytes([Self.sample.window])
                == Array((try Self.foundation([Self.sample.window])).utf8)
        )
        #expect(try FastJSONEncoder().encodeBytes(["b": 1, "a": 2]) == Array(#"{"a":2,"b":1}"#.utf8))
    }

    @Test func writesDataAsFoundationsBase64() throws {
        let values = (0..<7).map { length in Data((0..<length).map { UInt8(truncatingIfNeeded: $0 * 97 + 200) }) }
        #expect(try FastJSONEncoder().encodeBytes(values) == Array((try Self.foundation(values)).utf8))
    }

    @Test func refusesNonFiniteNumbers() {
        #expect(throws: EncodingError.self) { try FastJSONEncoder().encode([Double.nan]) }
    }
}
