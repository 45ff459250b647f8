import FastJSON
import NIOCore
import Testing

@Suite struct JSONObjectDecodableTests {
    /// A type with both decoding paths, reading every kind of field `JSONObject` offers.
    struct Purchase: Codable, JSONObjectDecodable, Equatable {
        var user: String
        var note: String?
        var amount: Double
        var discount: Double?
        var items: Int
        var coupon: Int?
        var paid: Bool
        var gift: Bool?
        var ts: Int64
        var refundedAt: Int64?

        enum CodingKeys: String, CodingKey {
            case user, note, amount, discount, items, coupon, paid, gift, ts
            case refundedAt = "refunded_at"
        }

        init(json object: JSONObject) throws {
            user = try object.decode(String.self, forKey: "user")
            note = try object.decodeIfPresent(String.self, forKey: "note")
            amount = try object.decode(Double.self, forKey: "amount")
            discount = try object.decodeIfPresent(Double.self, forKey: "discount")
            items = try object.decode(Int.self, forKey: "items")
            coupon = try object.decodeIfPresent(Int.self, forKey: "coupon")
            paid = try object.decode(Bool.self, forKey: "paid")
            gift = try object.decodeIfPresent(Bool.self, forKey: "gift")
            ts = try object.decode(Int64.self, forKey: "ts")
            refundedAt = try object.decodeIfPresent(Int64.self, forKey: "refunded_at")
        }
    }

    /// Decodes through `Decodable`, which the overload for `JSONObjectDecodable` would bypass.
    func decodeThroughCodable<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try FastJSONDecoder().decode(type, from: ByteBuffer(string: text))
    }

    /// The dead-letter reasons of both paths for `text`.
    func reasons(_ text: String) -> (object: String, codable: String) {
        var reasons = ("decoded", "decoded")
        do { _ = try FastJSONDecoder().decode(Purchase.self, from: ByteBuffer(string: text)) } catch {
            reasons.0 = DecodingErrorReason.describe(error)
        }
        do { _ = try decodeThroughCodable(Purchase.self, text) } catch {
            reasons.1 = DecodingErrorReason.describe(error)
        }
        return reasons
    }

    @Test func readsEveryFieldKindAsDecodableDoes() throws {
        let texts = [
            #"{"user":"ann","amount":2.5,"items":3,"paid":true,"ts":1700000000123}"#,
            #"""
            { "ts": -5, "refunded_at": 7, "gift": false, "paid": false, "coupon": 12, "items": 0,
              "discount": 1e1, "amount": 0, "note": "a \"b\" \u00e9\n\ud83d\ude00", "user": "b\/c" }
            """#,
            #"{"user":"ann","note":null,"amount":1,"discount":null,"items":2.0,"coupon":null,"paid":true,"gift":null,"ts":3,"refunded_at":null}"#,
        ]
        for text in texts {
            let fast = try FastJSONDecoder().decode(Purchase.self, from: ByteBuffer(string: text))
            #expect(fast == (try decodeThroughCodable(Purchase.self, text)))
        }
        let escaped = try FastJSONDecoder().decode(Purchase.self, from: ByteBuffer(string: texts[1]))
        #expect(escaped.note == "a \"b\" é\n😀")
        #expect(escaped.user == "b/c")
        #expect(escaped.discount == 10)
        #expect(escaped.ts == -5 && escaped.refundedAt == 7)
    }

    @Test func ignoresUnknownFieldsAndFindsEscapedKeys() throws {
        let text = #"""
            {"skip":{"a":[1,{"b":null}],"c":"x\"y"},"us\u0065r":"ann","amount":1,"items":1,"paid":true,"ts":1,"more":[]}
            """#
        let purchase = try FastJSONDecoder().decode(Purchase.self, from: ByteBuffer(string: text))
        #expect(purchase.user == "ann")
        #expect(purchase == (try decodeThroughCodable(Purchase.self, text)))
    }

    @Test(arguments: [
        (#"{"amount":1,"items":1,"paid":true,"ts":1}"#, "missing field user"),
        (#"{"user":"a","amount":1,"items":1,"paid":true}"#, "missing field ts"),
        (#"{"user":1,"amount":1,"items":1,"paid":true,"ts":1}"#, "field user: expected a string"),
        (#"{"user":"a","amount":"1","items":1,"paid":true,"ts":1}"#, "field amount: expected a number"),
        (#"{"user":"a","amount":1,"items":1.5,"paid":true,"ts":1}"#, "field items: expected an integer, found 1.5"),
        (#"{"user":"a","amount":1,"items":1,"paid":"yes","ts":1}"#, "field paid: expected true or false"),
        (#"{"user":"a","amount":1,"items":1,"paid":true,"ts":null}"#, "field ts: expected an integer"),
        (#"{"user":"a","amount":1,"items":1,"paid":true,"ts":1,"note":3}"#, "field note: expected a string"),
        (
            #"{"user":"a","amount":1,"items":1,"paid":true,"ts":99999999999999999999}"#,
            "field ts: number does not fit Int64"
        ),
        (#"["user"]"#, "expected an object"),
    ])
    func failsWithDecodablesReasons(_ text: String, _ reason: String) {
        let reasons = reasons(text)
        #expect(reasons.object == reason)
        #expect(reasons.codable == reason)
    }

    @Test(arguments: [
        ("9223372036854775807", Int64.max),
        ("-9223372036854775808", Int64.min),
        ("123456789012345678", 123_456_789_012_345_678),
        ("1234567890123456789", 1_234_567_890_123_456_789),
        ("-999999999999999999", -999_999_999_999_999_999),
        ("-0", 0),
        ("7e2", 700),
    ])
    func readsIntegersUpTo64BitsAsDecodableDoes(_ number: String, _ expected: Int64) throws {
        let text = #"{"user":"a","amount":1,"items":\#(number),"paid":true,"ts":\#(number)}"#
        let fast = try FastJSONDecoder().decode(Purchase.self, from: ByteBuffer(string: text))
        #expect(fast.ts == expected)
        #expect(fast == (try decodeThroughCodable(Purchase.self, text)))
    }

    @Test(arguments: ["9223372036854775808", "-9223372036854775809", "12345678901234567890123"])
    func refusesIntegersBeyond64BitsAsDecodableDoes(_ number: String) {
        let reasons = reasons(#"{"user":"a","amount":1,"items":1,"paid":true,"ts":\#(number)}"#)
        #expect(reasons.object == "field ts: number does not fit Int64")
        #expect(reasons.codable == reasons.object)
    }

    @Test func rejectsMalformedText() {
        #expect(throws: JSONSyntaxError.self) {
            try FastJSONDecoder().decode(Purchase.self, from: ByteBuffer(string: #"{"user":"a",}"#))
        }
    }

}
