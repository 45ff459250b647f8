import NIOCore

/// Walks the fields of a message in wire order, either reading them from bytes or writing them.
///
/// Each message lists its fields once, in `code(with:)`, with the version conditions of Kafka's
/// JSON schemas; the same list then drives both decoding and encoding, so the two cannot drift apart.
public protocol KafkaCoder {
    /// The API version being read or written; fields test it to know whether they are present.
    var version: Int16 { get }

    mutating func code(_ value: inout Int8, _ field: StaticString) throws
    mutating func code(_ value: inout Int16, _ field: StaticString) throws
    mutating func code(_ value: inout Int32, _ field: StaticString) throws
    mutating func code(_ value: inout Int64, _ field: StaticString) throws
    mutating func code(_ value: inout Bool, _ field: StaticString) throws
    mutating func code(_ value: inout String, _ field: StaticString) throws
    mutating func code(_ value: inout String?, _ field: StaticString) throws
    mutating func code(_ value: inout ByteBuffer, _ field: StaticString) throws
    mutating func code(_ value: inout ByteBuffer?, _ field: StaticString) throws
    mutating func code<Element: KafkaCodable>(_ elements: inout [Element], _ field: StaticString) throws
    mutating func code<Element: KafkaCodable>(_ elements: inout [Element]?, _ field: StaticString) throws
    mutating func code(_ elements: inout [Int32], _ field: StaticString) throws
    mutating func code(_ elements: inout [String], _ field: StaticString) throws
    mutating func code(_ elements: inout [String]?, _ field: StaticString) throws

    // Flexible versions (KIP-482): compact lengths as unsigned varints, and tagged fields.
    mutating func codeCompact(_ value: inout String, _ field: StaticString) throws
    mutating func codeCompact<Element: KafkaCodable>(_ elements: inout [Element], _ field: StaticString) throws
    /// The tagged-field section; unknown tags are skipped when reading, none are written.
    mutating func codeTaggedFields() throws
}

/// A value with a wire form in the Kafka protocol, read and written by one field list.
public protocol KafkaCodable: Sendable {
    /// A value with every field at its default, filled in by decoding.
    init()
    /// Visits every field present at `coder.version`, in wire order.
    mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws
}

extension KafkaCodable {
    /// Reads a value at `version` from `buffer`, advancing its reader index.
    public static func decode(from buffer: inout ByteBuffer, version: Int16) throws -> Self {
        var decoder = KafkaDecoder(buffer: buffer, version: version)
        var value = Self()
        try value.code(with: &decoder)
        buffer = decoder.buffer
        return value
    }

    /// Appends the wire form of this value at `version` to `buffer`.
    public func encode(into buffer: inout ByteBuffer, version: Int16) {
        var encoder = KafkaEncoder(buffer: buffer, version: version)
        var copy = self
        // Encoding only reads the fields, and every write to a ByteBuffer succeeds.
        try! copy.code(with: &encoder)
        buffer = encoder.buffer
    }
}
