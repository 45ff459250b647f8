import Foundation
import NIOCore

/// Decodes `Decodable` values from JSON bytes without building an intermediate tree.
///
/// Foundation's `JSONDecoder` parses the whole document into a tree first and copies it out of a
/// `Data`; on the small event values of a stream that costs more than the events' processing. This
/// decoder reads straight from the record's bytes: an object is scanned once into a table of key
/// ranges, each field asked for is converted on demand, and everything else is skipped.
/// Keys are matched exactly (use `CodingKeys` for snake_case names).
public struct FastJSONDecoder: Sendable {
    public init() {}

    /// Decodes a value from the readable bytes of `buffer`.
    public func decode<Value: Decodable>(_ type: Value.Type, from buffer: ByteBuffer) throws -> Value {
        try buffer.withUnsafeReadableBytes { bytes in try decode(type, from: bytes) }
    }

    /// Decodes a value from `bytes`.
    public func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try bytes.withUnsafeBytes { bytes in try decode(type, from: bytes) }
    }

    /// Decodes a value from raw bytes that stay valid for the duration of the call.
    public func decode<Value: Decodable>(_ type: Value.Type, from bytes: UnsafeRawBufferPointer) throws -> Value {
        var scanner = JSONScanner(bytes: bytes)
        scanner.skipWhitespace()
        let start = scanner.index
        try scanner.skipValue()
        scanner.skipWhitespace()
        if scanner.index != bytes.count {
            throw JSONSyntaxError(message: "trailing characters after the value", offset: scanner.index)
        }
        let decoder = JSONValueDecoder(bytes: bytes, start: start, codingPath: [])
        return try decoder.decodeValue(type)
    }
}

/// The `Decoder` positioned at one JSON value inside the bytes being decoded.
final class JSONValueDecoder: Decoder {
    let bytes: UnsafeRawBufferPointer
    /// Index of the value's first byte (whitespace already skipped).
    let start: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(bytes: UnsafeRawBufferPointer, start: Int, codingPath: [any CodingKey]) {
        self.bytes = bytes
        self.start = start
        self.codingPath = codingPath
    }

    var firstByte: UInt8? { start < bytes.count ? bytes[start] : nil }

    var isNull: Bool { firstByte == UInt8(ascii: "n") }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard firstByte == UInt8(ascii: "{") else {
            throw typeMismatch([String: Any].self, "expected an object")
        }
        return KeyedDecodingContainer(try JSONKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard firstByte == UInt8(ascii: "[") else {
            throw typeMismatch([Any].self, "expected an array")
        }
        return try JSONUnkeyedContainer(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { JSONSingleValueContainer(decoder: self) }

    func typeMismatch(_ type: Any.Type, _ message: String) -> DecodingError {
        .typeMismatch(type, DecodingError.Context(codingPath: codingPath, debugDescription: message))
    }

    /// Decodes the value at `start` as `type`, with fast paths for the scalar types events are made of.
    @inline(__always)
    func decodeValue<Value: Decodable>(_ type: Value.Type) throws -> Value {
        if type == String.self { return try decodeString() as! Value }
        if type == Int64.self { return try decodeInteger(Int64.self) as! Value }
        if type == Int.self { return try decodeInteger(Int.self) as! Value }
        if type == Double.self { return try decodeDouble() as! Value }
        if type == Bool.self { return try decodeBool() as! Value }
        return try Value(from: self)
    }

    func decodeString() throws -> String {
        var scanner = JSONScanner(bytes: bytes, index: start)
        guard firstByte == UInt8(ascii: "\"") else { throw typeMismatch(String.self, "expected a string") }
        let (range, hasEscapes) = try scanner.skipString()
        return try scanner.string(in: range, hasEscapes: hasEscapes)
    }

    func decodeBool() throws -> Bool {
        switch firstByte {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw typeMismatch(Bool.self, "expected true or false")
        }
    }

    func decodeInteger<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
        var index = start
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let digitsStart = index
        var value: Integer = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            let digit = Integer(byte &- UInt8(ascii: "0"))
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) =
                negative ? multiplied.subtractingReportingOverflow(digit) : multiplied.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: codingPath,
                        debugDescription: "number does not fit \(Integer.self)"
                    )
                )
            }
            value = added
            index += 1
        }
        guard index > digitsStart else { throw typeMismatch(Integer.self, "expected an integer") }
        if index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                // 12.0 or 1e3 written by a producer in a language without integers: accept exact values.
                let double = try decodeDouble()
                guard let exact = Integer(exactly: double) else {
                    throw typeMismatch(Integer.self, "expected an integer, found \(double)")
                }
                return exact
            }
        }
        return value
    }

    func decodeDouble() throws -> Double {
        var scanner = JSONScanner(bytes: bytes, index: start)
        guard let first = firstByte, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else {
            throw typeMismatch(Double.self, "expected a number")
        }
        let range = try scanner.numberRange()
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        guard let value = Double(text) else { throw typeMismatch(Double.self, "invalid number \(text)") }
        return value
    }
}

/// One key of an object and where its value starts.
struct JSONField {
    var key: Range<Int>
    var keyHasEscapes: Bool
    var valueStart: Int
}

/// An object's fields, scanned once when the container is made.
struct JSONKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: JSONValueDecoder
    let fields: [JSONField]
    var codingPath: [any CodingKey] { decoder.codingPath }

    init(decoder: JSONValueDecoder) throws {
        self.decoder = decoder
        var scanner = JSONScanner(bytes: decoder.bytes, index: decoder.start + 1)
        var fields: [JSONField] = []
        fields.reserveCapacity(16)
        scanner.skipWhitespace()
        if scanner.current == UInt8(ascii: "}") {
            self.fields = fields
            return
        }
        while true {
            scanner.skipWhitespace()
            let (key, hasEscapes) = try scanner.skipString()
            try scanner.expect(UInt8(ascii: ":"))
            scanner.skipWhitespace()
            fields.append(JSONField(key: key, keyHasEscapes: hasEscapes, valueStart: scanner.index))
            try scanner.skipValue()
            scanner.skipWhitespace()
            guard let next = scanner.current else { break }
            scanner.index += 1
            if next == UInt8(ascii: "}") { break }
        }
        self.fields = fields
    }

    var allKeys: [Key] {
        let scanner = JSONScanner(bytes: decoder.bytes)
        return fields.compactMap { field in
            (try? scanner.string(in: field.key, hasEscapes: field.keyHasEscapes)).flatMap { Key(stringValue: $0) }
        }
    }

    @inline(__always)
    func valueStart(for key: Key) -> Int? {
        let scanner = JSONScanner(bytes: decoder.bytes)
        let name = key.stringValue
        for field in fields {
            if field.keyHasEscapes {
                if (try? scanner.string(in: field.key, hasEscapes: true)) == name { return field.valueStart }
            } else if scanner.bytes(in: field.key, equal: name) {
                return field.valueStart
            }
        }
        return nil
    }

    func contains(_ key: Key) -> Bool { valueStart(for: key) != nil }

    func valueDecoder(for key: Key) throws -> JSONValueDecoder {
        guard let start = valueStart(for: key) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(codingPath: codingPath, debugDescription: "no field \"\(key.stringValue)\"")
            )
        }
        return JSONValueDecoder(bytes: decoder.bytes, start: start, codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool { try valueDecoder(for: key).isNull }

    func decode(_ type: String.Type, forKey key: Key) throws -> String { try valueDecoder(for: key).decodeString() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try valueDecoder(for: key).decodeBool() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try valueDecoder(for: key).decodeDouble() }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        Float(try valueDecoder(for: key).decodeDouble())
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try valueDecoder(for: key).decodeInteger(Int.self) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
        try valueDecoder(for: key).decodeInteger(Int8.self)
    }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
        try valueDecoder(for: key).decodeInteger(Int16.self)
    }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try valueDecoder(for: key).decodeInteger(Int32.self)
    }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try valueDecoder(for: key).decodeInteger(Int64.self)
    }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
        try valueDecoder(for: key).decodeInteger(UInt.self)
    }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try valueDecoder(for: key).decodeInteger(UInt8.self)
    }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try valueDecoder(for: key).decodeInteger(UInt16.self)
    }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try valueDecoder(for: key).decodeInteger(UInt32.self)
    }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try valueDecoder(for: key).decodeInteger(UInt64.self)
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try valueDecoder(for: key).decodeValue(type)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let start = valueStart(for: key), decoder.bytes[start] != UInt8(ascii: "n") else { return nil }
        return try JSONValueDecoder(bytes: decoder.bytes, start: start, codingPath: codingPath + [key]).decodeString()
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try valueDecoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try valueDecoder(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder { try valueDecoder(for: key) }
}

/// The elements of an array, read one after another.
struct JSONUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: JSONValueDecoder
    var scanner: JSONScanner
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int?
    var isAtEnd: Bool
    var currentIndex = 0

    init(decoder: JSONValueDecoder) throws {
        self.decoder = decoder
        scanner = JSONScanner(bytes: decoder.bytes, index: decoder.start + 1)
        scanner.skipWhitespace()
        isAtEnd = scanner.current == UInt8(ascii: "]")
        count = nil
    }

    private struct IndexKey: CodingKey {
        var stringValue: String { String(intValue!) }
        var intValue: Int?
        init(_ index: Int) { intValue = index }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { self.intValue = intValue }
    }

    private mutating func nextDecoder() throws -> JSONValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self,
                DecodingError.Context(codingPath: codingPath, debugDescription: "the array has no more elements")
            )
        }
        scanner.skipWhitespace()
        let element = JSONValueDecoder(
            bytes: decoder.bytes,
            start: scanner.index,
            codingPath: codingPath + [IndexKey(currentIndex)]
        )
        try scanner.skipValue()
        scanner.skipWhitespace()
        if scanner.current == UInt8(ascii: ",") {
            scanner.index += 1
        } else {
            isAtEnd = true
            count = currentIndex + 1
        }
        currentIndex += 1
        return element
    }

    mutating func decodeNil() throws -> Bool {
        scanner.skipWhitespace()
        guard !isAtEnd, scanner.current == UInt8(ascii: "n") else { return false }
        _ = try nextDecoder()
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try nextDecoder().decodeValue(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try nextDecoder().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try nextDecoder().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try nextDecoder() }
}

/// A single value: the decoder itself.
struct JSONSingleValueContainer: SingleValueDecodingContainer {
    let decoder: JSONValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.isNull }
    func decode(_ type: String.Type) throws -> String { try decoder.decodeString() }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.decodeBool() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.decodeDouble() }
    func decode(_ type: Int.Type) throws -> Int { try decoder.decodeInteger(Int.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.decodeInteger(Int64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
}
