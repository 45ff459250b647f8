import FastJSON
import NIOCore
import Testing

@Suite struct FastJSONDecoderTests {
    struct Click: Codable, Sendable, Equatable {
        var user: String
        var page: String
        var amount: Double
        var ts: Int64
    }

    func clickJSON(_ user: String, _ ts: Int64, page: String = "home", amount: Double = 1) -> String {
        #"{"user":"\#(user)","page":"\#(page)","amount":\#(amount),"ts":\#(ts)}"#
    }

    struct Nested: Codable, Equatable {
        struct Inner: Codable, Equatable {
            var flag: Bool
            var values: [Int]
        }
        var name: String
        var inner: Inner
        var optional: String?
        var ratio: Double
        var count: Int64
    }

    @Test func decodesNestedValuesSkippingUnknownFields() throws {
        let text = #"""
            { "skip": {"a": [1, {"b": null}], "c": "x\"y"}, "name": "caf\u00e9 \"q\" \n",
              "inner": {"flag": true, "values": [1, -2, 3]}, "optional": null, "ratio": -1.5e2, "count": 9007199254740993 }
            """#
        let value = try FastJSONDecoder().decode(Nested.self, from: ByteBuffer(string: text))
        #expect(value.name == "café \"q\" \n")
        #expect(value.inner == Nested.Inner(flag: true, values: [1, -2, 3]))
        #expect(value.optional == nil)
        #expect(value.ratio == -150)
        #expect(value.count == 9_007_199_254_740_993)
    }

    @Test func matchesFoundationOnEvents() throws {
        let text = clickJSON("ann", 1_700_000_000_123, page: "shop", amount: 2.25)
        let fast = try FastJSONDecoder().decode(Click.self, from: ByteBuffer(string: text))
        #expect(fast == Click(user: "ann", page: "shop", amount: 2.25, ts: 1_700_000_000_123))
    }

    @Test(arguments: [
        "", "{", #"{"user":"a""#, #"{"user":"a",}"#, "[1,2", #"{"user":"a"} x"#, "nul", #"{"user":"\x"}"#,
    ])
    func rejectsMalformedText(_ text: String) {
        #expect(throws: (any Error).self) { try FastJSONDecoder().decode(Click.self, from: ByteBuffer(string: text)) }
    }

    @Test func buildsShortLongAndInvalidUTF8StringsAsStringDecodingDoes() throws {
        let texts: [[UInt8]] = [
            Array("ann".utf8), Array("caf\u{e9}".utf8), Array(String(repeating: "long ascii ", count: 5).utf8),
            Array("\u{1F600} \u{e9}t\u{e9} and more than fifteen bytes".utf8), [0x61, 0xFF, 0x62], [0xE2, 0x82],
        ]
        for text in texts {
            let rest = #"","inner":{"flag":true,"values":[]},"ratio":1,"count":2}"#
            let document = Array(#"{"name":""#.utf8) + text + Array(rest.utf8)
            let decoded = try FastJSONDecoder().decode(Nested.self, from: document)
            #expect(decoded.name == String(decoding: text, as: UTF8.self))
        }
    }

    /// Integers of every width, reached the generic way (`[UInt8]`, a top-level value, a keyed
    /// container's generic `decode`), which once made the decoder call itself until the stack ran out.
    @Test func decodesEveryIntegerWidthThroughTheGenericPaths() throws {
        struct Widths: Decodable, Equatable {
            var bytes: [UInt8]
            var big: UInt64
            var small: Int8
            var middle: [UInt16]

            init(bytes: [UInt8], big: UInt64, small: Int8, middle: [UInt16]) {
                (self.bytes, self.big, self.small, self.middle) = (bytes, big, small, middle)
            }

            init(from decoder: any Decoder) throws {
                enum Keys: String, CodingKey { case bytes, big, small, middle }
                let container = try decoder.container(keyedBy: Keys.self)
                func read<Value: Decodable>(_ key: Keys) throws -> Value {
                    try container.decode(Value.self, forKey: key)
                }
                (bytes, big, small, middle) = (try read(.bytes), try read(.big), try read(.small), try read(.middle))
            }
        }
        let text = #"{"bytes":[0,255],"big":18446744073709551615,"small":-128,"middle":[65535]}"#
        #expect(
            try FastJSONDecoder().decode(Widths.self, from: Array(text.utf8))
                == Widths(bytes: [0, 255], big: .max, small: -128, middle: [65535])
        )
        #expect(try FastJSONDecoder().decode(UInt64.self, from: Array("18446744073709551615".utf8)) == .max)
        #expect(throws: DecodingError.self) {
            try FastJSONDecoder().decode([UInt8].self, from: Array("[256]".utf8))
        }
    }

    @Test func placesObjectsAndErrorsInTheWholeText() throws {
        let padded = "  \n" + clickJSON("ann", 5, page: "shop", amount: 1) + " \n"
        #expect(try FastJSONDecoder().decode(Click.self, from: ByteBuffer(string: padded)).user == "ann")
        let error = try #require(throws: JSONSyntaxError.self) {
            try FastJSONDecoder().decode(Click.self, from: ByteBuffer(string: #"   {"user" "ann"}"#))
        }
        #expect(error.offset == 11)
    }

    @Test func reportsMissingFieldsAndWrongTypes() {
        #expect(throws: DecodingError.self) {
            try FastJSONDecoder().decode(Click.self, from: ByteBuffer(string: #"{"user":"a","page":"p","ts":1}"#))
        }
        #expect(throws: DecodingError.self) {
            try FastJSONDecoder().decode(
                Click.self,
                from: ByteBuffer(string: #"{"user":"a","page":"p","amount":1,"ts":"soon"}"#)
            )
        }
    }
}
