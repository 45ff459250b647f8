import Foundation

/// Encodes `Encodable` values as compact JSON with sorted keys, straight into bytes.
///
/// The output is what Foundation's `JSONEncoder` writes with `.sortedKeys` and
/// `.withoutEscapingSlashes` (`Data` as Base64, non-finite numbers refused), without building a tree
/// of the value first: sink records and checkpoints are encoded many times a second.
public struct FastJSONEncoder: Sendable {
    public init() {}

    /// The JSON text of `value`.
    public func encode(_ value: some Encodable) throws -> Data {
        // From the raw bytes: `Data`'s initializer from a sequence casts it dynamically first.
        try encodeBytes(value).withUnsafeBytes { Data($0) }
    }

    /// The JSON text of `value`, as bytes.
    public func encodeBytes(_ value: some Encodable) throws -> [UInt8] {
        let output = JSONOutput()
        try JSONValueEncoder(output: output, depth: 0, codingPath: []).encodeValue(value)
        output.closeFrames(deeperThan: 0)
        guard !output.bytes.isEmpty else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(codingPath: [], debugDescription: "\(type(of: value)) encoded no value")
            )
        }
        return output.bytes
    }

    /// The function that encodes the values of a sink: written directly when the type is
    /// `JSONDirectEncodable` and the value allows, through `Encodable` otherwise.
    ///
    /// A sink asks once, so that its values cost no conformance lookup each. The function reuses one
    /// output buffer: call it from one task at a time, as the pipeline's graph does.
    public func encoding<Value: Encodable>(_ type: Value.Type) -> (Value) throws -> Data {
        guard let directType = type as? any JSONDirectEncodable.Type else {
            return { value in try encode(value) }
        }
        // `directType` is `type` itself, so the opened function's type is the one cast to.
        let write = directWriting(directType) as! (Value, JSONOutput) throws -> Bool
        let output = JSONOutput()
        return { value in
            output.bytes.removeAll(keepingCapacity: true)
            guard try write(value, output) else { return try encode(value) }
            return output.bytes.withUnsafeBytes { Data($0) }
        }
    }

    private func directWriting<Value: JSONDirectEncodable>(_ type: Value.Type) -> Any {
        { (value: Value, output: JSONOutput) throws -> Bool in try value.writeJSON(to: output) }
    }
}

/// The `Encoder` for one value: writes it at `depth` (the number of containers around it).
struct JSONValueEncoder: Encoder {
    let output: JSONOutput
    let depth: Int
    let owner: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(output: JSONOutput, depth: Int, codingPath: [any CodingKey]) {
        self.output = output
        self.depth = depth
        self.owner = output.makeOwner()
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        output.openFrame(isObject: true, depth: depth, owner: owner)
        return KeyedEncodingContainer(JSONKeyedEncodingContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        output.openFrame(isObject: false, depth: depth, owner: owner)
        return JSONUnkeyedEncodingContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { JSONSingleValueEncodingContainer(encoder: self) }

    /// Writes `value` here.
    func encodeValue<Value: Encodable>(_ value: Value) throws {
        output.closeFrames(deeperThan: depth)
        if try output.writeScalar(value, codingPath: codingPath) { return }
        let start = output.bytes.count
        try value.encode(to: self)
        // Foundation writes an empty object for a value that encodes nothing.
        if output.bytes.count == start { output.bytes.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")]) }
    }
}

/// Writes the members of an object; keys are put in order when the object closes.
struct JSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func begin(_ key: Key) {
        encoder.output.beginMember(key.stringValue, depth: encoder.depth)
    }

    /// The encoder of a member's value; the coding path is built only for values that are not scalars.
    private func nested(_ key: any CodingKey) -> JSONValueEncoder {
        JSONValueEncoder(output: encoder.output, depth: encoder.depth + 1, codingPath: codingPath + [key])
    }

    mutating func encodeNil(forKey key: Key) throws {
        begin(key)
        encoder.output.writeNull()
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try write(value, forKey: key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try write(value, forKey: key) }

    private func write<T: Encodable>(_ value: T, forKey key: Key) throws {
        begin(key)
        if try encoder.output.writeScalar(value, codingPath: codingPath + [key]) { return }
        try nested(key).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        begin(key)
        return nested(key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        begin(key)
        return nested(key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        encoder.output.beginMember("super", depth: encoder.depth)
        return nested(JSONCodingKey(stringValue: "super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        begin(key)
        return nested(key)
    }
}

/// Writes the elements of an array.
struct JSONUnkeyedEncodingContainer: UnkeyedEncodingContainer, JSONScalarForwarding {
    let encoder: JSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.output.count(depth: encoder.depth) }

    /// Starts the next element; returns the encoder for it.
    private func next() -> JSONValueEncoder {
        let index = count
        encoder.output.beginElement(depth: encoder.depth)
        return JSONValueEncoder(
            output: encoder.output,
            depth: encoder.depth + 1,
            codingPath: codingPath + [JSONCodingKey(intValue: index)]
        )
    }

    mutating func encodeNil() throws {
        encoder.output.beginElement(depth: encoder.depth)
        encoder.output.writeNull()
    }

    mutating func encode<T: Encodable>(_ value: T) throws { try write(value) }

    func write<T: Encodable>(_ value: T) throws {
        let index = count
        encoder.output.beginElement(depth: encoder.depth)
        if try encoder.output.writeScalar(value, codingPath: codingPath + [JSONCodingKey(intValue: index)]) { return }
        try JSONValueEncoder(
            output: encoder.output,
            depth: encoder.depth + 1,
            codingPath: codingPath + [JSONCodingKey(intValue: index)]
        ).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        next().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { next().unkeyedContainer() }

    mutating func superEncoder() -> any Encoder { next() }
}

/// Writes a single value in place.
struct JSONSingleValueEncodingContainer: SingleValueEncodingContainer, JSONScalarForwarding {
    let encoder: JSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws {
        encoder.output.closeFrames(deeperThan: encoder.depth)
        encoder.output.writeNull()
    }

    /// A value wrapping another (a raw-value enum, a wrapper struct) is written in the same place.
    mutating func encode<T: Encodable>(_ value: T) throws {
        try JSONValueEncoder(output: encoder.output, depth: encoder.depth, codingPath: codingPath).encodeValue(value)
    }

    func write<T: Encodable>(_ value: T) throws {
        encoder.output.closeFrames(deeperThan: encoder.depth)
        _ = try encoder.output.writeScalar(value, codingPath: codingPath)
    }
}
