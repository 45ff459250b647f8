import Foundation
import NIOCore

/// Decodes `Decodable` values from JSON bytes without building an intermediate tree.
///
/// Foundation's `JSONDecoder` parses the whole document into a tree first and copies it out of a
/// `Data`; on the small event values of a stream that costs more than the events' processing. This
/// decoder reads straight from the record's bytes: an object is scanned once into a table of key
/// ranges, each field asked for is converted on demand, and everything else is skipped.
/// Keys are matched exactly (use `CodingKeys` for snake_case names). A type that also conforms to
/// `JSONObjectDecodable` is read by its `init(json:)`, without `Decodable`'s dynamic calls per field.
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
        try withUnsafeTemporaryAllocation(of: Value.self, capacity: 1) { value in
            let value = value.baseAddress!
            try withScannedObject(in: bytes) { object, start in
                guard let object, let decoder = JSONObjectDecoder(object) else {
                    let decoder = JSONValueDecoder(bytes: bytes, start: start, codingPath: [])
                    value.initialize(to: try decoder.decodeValue(type))
                    return
                }
                value.initialize(to: try Value(from: decoder))
            }
            return value.move()
        }
    }

    /// Decodes a value of a type that reads an object's fields itself, without `Decodable`'s dynamic
    /// calls per field, from the readable bytes of `buffer`.
    public func decode<Value: JSONObjectDecodable>(_ type: Value.Type, from buffer: ByteBuffer) throws -> Value {
        try buffer.withUnsafeReadableBytes { bytes in try decode(type, from: bytes) }
    }

    /// Decodes a value of a type that reads an object's fields itself, without `Decodable`'s dynamic
    /// calls per field, from `bytes`.
    public func decode<Value: JSONObjectDecodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try bytes.withUnsafeBytes { bytes in try decode(type, from: bytes) }
    }

    /// Decodes a value of a type that reads an object's fields itself, without `Decodable`'s dynamic
    /// calls per field, from raw bytes that stay valid for the duration of the call.
    public func decode<Value: JSONObjectDecodable>(
        _ type: Value.Type,
        from bytes: UnsafeRawBufferPointer
    ) throws -> Value {
        try withUnsafeTemporaryAllocation(of: Value.self, capacity: 1) { value in
            try decode(type, from: bytes, into: value.baseAddress!)
            return value.baseAddress!.move()
        }
    }

    /// Decodes a value of a type that reads an object's fields itself into the uninitialized memory
    /// at `value`, which is initialized only when the call returns without throwing.
    ///
    /// A source calls this through an opened existential, so it runs unspecialized: returning the
    /// value through a pointer keeps it free of generic types such as `Result<Value, any Error>`,
    /// whose metadata the runtime would otherwise look up for every event.
    @usableFromInline
    func decode<Value: JSONObjectDecodable>(
        _ type: Value.Type,
        from bytes: UnsafeRawBufferPointer,
        into value: UnsafeMutablePointer<Value>
    ) throws {
        try withScannedObject(in: bytes) { object, _ in
            guard let object else {
                // What the `Decodable` path says for a document that is not an object.
                throw DecodingError.typeMismatch(
                    [String: Any].self,
                    DecodingError.Context(codingPath: [], debugDescription: "expected an object")
                )
            }
            value.initialize(to: try Value(json: object))
        }
    }

    /// The function that decodes `type` from raw bytes: through `JSONObjectDecodable` when the type
    /// conforms, through `Decodable` otherwise. A source asks once, so that its events cost no
    /// conformance lookup each.
    ///
    /// Inlinable so that the returned closure, which holds the value on its way out, is specialized
    /// for `Value` in the source; only the opened decoding behind it is not.
    @inlinable
    public func decoding<Value: Decodable>(_ type: Value.Type) -> (UnsafeRawBufferPointer) throws -> Value {
        guard let objectType = type as? any JSONObjectDecodable.Type else {
            return { bytes in try decode(type, from: bytes) }
        }
        // `objectType` is `type` itself, so the opened function's type is the one cast to.
        let decodeInto =
            objectDecoding(objectType) as! (UnsafeRawBufferPointer, UnsafeMutablePointer<Value>) throws -> Void
        return { bytes in
            try withUnsafeTemporaryAllocation(of: Value.self, capacity: 1) { value in
                try decodeInto(bytes, value.baseAddress!)
                return value.baseAddress!.move()
            }
        }
    }

    @usableFromInline
    func objectDecoding<Value: JSONObjectDecodable>(_ type: Value.Type) -> Any {
        { (bytes: UnsafeRawBufferPointer, value: UnsafeMutablePointer<Value>) throws in
            try decode(type, from: bytes, into: value)
        }
    }

    /// Validates the document in `bytes` and calls `body` with its object's fields, or with nil and
    /// the index where the value starts when the document is not an object.
    ///
    /// An event is an object: its fields are found in the same pass that validates it, into a table
    /// on the stack, so reading them needs neither a second scan nor an allocation. Indices count
    /// from the `{`, which the compact top-level decoder needs.
    ///
    /// Not generic, so that the temporary allocation's result type is concrete where the decoding
    /// runs unspecialized.
    @inline(__always)
    private func withScannedObject(
        in bytes: UnsafeRawBufferPointer,
        _ body: (_ object: JSONObject?, _ start: Int) throws -> Void
    ) throws {
        guard bytes.count <= UInt32.max else {
            // Field offsets are 32-bit; no record value comes near this.
            throw JSONSyntaxError(message: "document larger than 4 GiB", offset: 0)
        }
        var scanner = JSONScanner(bytes: bytes)
        scanner.skipWhitespace()
        let start = scanner.index
        guard scanner.current == UInt8(ascii: "{") else {
            try scanner.skipValue()
            try Self.expectEnd(of: &scanner)
            return try body(nil, start)
        }
        let object = UnsafeRawBufferPointer(rebasing: bytes[start...])
        return try withUnsafeTemporaryAllocation(of: JSONField.self, capacity: 32) { table in
            var fields = JSONFieldTable(inline: table)
            var objectScanner = JSONScanner(bytes: object)
            do throws(JSONSyntaxError) {
                try objectScanner.scanObject(depth: 0) { fields.append($0) }
                try Self.expectEnd(of: &objectScanner)
            } catch {
                throw JSONSyntaxError(message: error.message, offset: error.offset + start)
            }
            return try withExtendedLifetime(fields) {
                try body(JSONObject(bytes: object, fields: fields.fields), start)
            }
        }
    }

    private static func expectEnd(of scanner: inout JSONScanner) throws(JSONSyntaxError) {
        scanner.skipWhitespace()
        if scanner.index != scanner.bytes.count {
            throw JSONSyntaxError(message: "trailing characters after the value", offset: scanner.index)
        }
    }
}

/// The `Decoder` positioned at one JSON value inside the bytes being decoded.
final class JSONValueDecoder: Decoder {
    let bytes: UnsafeRawBufferPointer
    /// Index of the value's first byte (whitespace already skipped).
    let start: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// The fields of the object at `start`, once scanned.
    var scannedFields: JSONFieldTable?

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
        if scannedFields == nil {
            var table = JSONFieldTable(inline: UnsafeMutableBufferPointer(start: nil, count: 0))
            var scanner = JSONScanner(bytes: bytes, index: start)
            try scanner.scanObject(depth: 0) { table.append($0) }
            scannedFields = table
        }
        return KeyedDecodingContainer(
            JSONKeyedContainer<Key>(
                bytes: bytes,
                start: start,
                fields: scannedFields!.fields,
                nestedDecoder: self
            )
        )
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

    func decodeString() throws -> String { try scalar.string(codingPath: codingPath) }
    func decodeBool() throws -> Bool { try scalar.bool(codingPath: codingPath) }
    func decodeDouble() throws -> Double { try scalar.double(codingPath: codingPath) }
    func decodeInteger<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
        try scalar.integer(type, codingPath: codingPath)
    }

    var scalar: JSONScalar { JSONScalar(bytes: bytes, start: start) }
}

/// An object's fields, scanned once, before the container is made.
///
/// A top-level object's container holds no reference at all: its field table lives on the stack of
/// `FastJSONDecoder.decode` and its coding path is empty, so reading a field costs no reference
/// counting (the container is copied for every field the caller asks for).
struct JSONKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let bytes: UnsafeRawBufferPointer
    /// Index of the object's `{`.
    let start: Int
    let fields: UnsafeBufferPointer<JSONField>
    /// The decoder of a nested object, which keeps its fields and coding path; nil at the top level.
    let nestedDecoder: JSONValueDecoder?

    var codingPath: [any CodingKey] { nestedDecoder?.codingPath ?? [] }

    var allKeys: [Key] {
        let scanner = JSONScanner(bytes: bytes)
        return fields.compactMap { field in
            (try? scanner.string(in: field.key, hasEscapes: field.keyHasEscapes)).flatMap { Key(stringValue: $0) }
        }
    }

    @inline(__always)
    func field(for key: Key) -> JSONField? {
        var name = key.stringValue
        return name.withUTF8 { name in JSONObject(bytes: bytes, fields: fields).field(named: name) }
    }

    func contains(_ key: Key) -> Bool { field(for: key) != nil }

    func valueDecoder(for key: Key) throws -> JSONValueDecoder {
        guard let start = field(for: key)?.valueStart else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(codingPath: codingPath, debugDescription: "no field \"\(key.stringValue)\"")
            )
        }
        return JSONValueDecoder(bytes: bytes, start: start, codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try scalar(for: key).firstByte == UInt8(ascii: "n")
    }

    func scalar(for key: Key) throws -> JSONScalar {
        guard let field = field(for: key) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(codingPath: codingPath, debugDescription: "no field \"\(key.stringValue)\"")
            )
        }
        return JSONScalar(bytes: bytes, field: field)
    }

    /// The value of field `key`, nil when it is missing or null.
    private func presentScalar(for key: Key) -> JSONScalar? {
        guard let field = field(for: key), bytes[field.valueStart] != UInt8(ascii: "n") else { return nil }
        return JSONScalar(bytes: bytes, field: field)
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try scalar(for: key).string(codingPath: codingPath + [key])
    }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try scalar(for: key).bool(codingPath: codingPath + [key])
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try scalar(for: key).double(codingPath: codingPath + [key])
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        Float(try scalar(for: key).double(codingPath: codingPath + [key]))
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(Int.self, forKey: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(Int8.self, forKey: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(Int16.self, forKey: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(Int32.self, forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(Int64.self, forKey: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(UInt.self, forKey: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(UInt8.self, forKey: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(UInt16.self, forKey: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(UInt32.self, forKey: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(UInt64.self, forKey: key) }

    /// Inlined into each caller, so that the integer parsing is specialized for the concrete type.
    @inline(__always)
    private func integer<Integer: FixedWidthInteger>(_ type: Integer.Type, forKey key: Key) throws -> Integer {
        try scalar(for: key).integer(type, codingPath: codingPath + [key])
    }

    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try presentScalar(for: key)?.integer(Int64.self, codingPath: codingPath + [key])
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try presentScalar(for: key)?.integer(Int.self, codingPath: codingPath + [key])
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try valueDecoder(for: key).decodeValue(type)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try presentScalar(for: key)?.string(codingPath: codingPath + [key])
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

    func superDecoder() throws -> any Decoder { JSONValueDecoder(bytes: bytes, start: start, codingPath: codingPath) }

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
    func decode(_ type: Float.Type) throws -> Float { Float(try decoder.decodeDouble()) }
    // Every width, not only the common ones: the protocol's defaults for the others call the
    // generic `decode`, which asks the type to decode itself, which asks this container again.
    func decode(_ type: Int.Type) throws -> Int { try decoder.decodeInteger(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.decodeInteger(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.decodeInteger(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.decodeInteger(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.decodeInteger(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.decodeInteger(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.decodeInteger(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.decodeInteger(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.decodeInteger(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.decodeInteger(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
}
