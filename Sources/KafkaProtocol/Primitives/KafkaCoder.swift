import NIOCore

/// Walks the fields of a message in wire order, either reading them from bytes or writing them.
///
/// Each message lists its fields once, in `code(with:)`, with the version conditions of Kafka's
/// JSON schemas (the messages in `Generated` are written from those schemas by
/// KafkaMessageGenerator); the same list then drives both decoding and encoding, so the two
/// cannot drift apart. The coder knows whether the version is flexible (KIP-482) and picks the
/// compact forms of strings, bytes and arrays itself.
public protocol KafkaCoder {
    /// The API version being read or written; fields test it to know whether they are present.
    var version: Int16 { get }
    /// Whether `version` uses the flexible encoding: compact lengths and tagged fields.
    var isFlexible: Bool { get }

    mutating func code(_ value: inout Int8, _ field: StaticString) throws
    mutating func code(_ value: inout Int16, _ field: StaticString) throws
    mutating func code(_ value: inout Int32, _ field: StaticString) throws
    mutating func code(_ value: inout Int64, _ field: StaticString) throws
    mutating func code(_ value: inout UInt16, _ field: StaticString) throws
    mutating func code(_ value: inout UInt32, _ field: StaticString) throws
    mutating func code(_ value: inout Double, _ field: StaticString) throws
    mutating func code(_ value: inout Bool, _ field: StaticString) throws
    mutating func code(_ value: inout KafkaUUID, _ field: StaticString) throws
    mutating func code(_ value: inout String?, _ field: StaticString) throws
    mutating func code(_ value: inout ByteBuffer?, _ field: StaticString) throws

    /// An array, or null; `element` reads or writes one element in place, starting from `blank`
    /// when reading. `minimumElementSize`
    /// bounds a count read from the wire by the bytes left, so that a hostile count cannot make
    /// the broker reserve memory for billions of elements.
    mutating func code<Element>(
        _ elements: inout [Element]?,
        _ field: StaticString,
        minimumElementSize: Int,
        blank: Element,
        element: (inout Element, inout Self) throws -> Void
    ) throws

    /// The tagged-field section of a flexible version.
    ///
    /// `present` lists the tags to write, in increasing order (reading ignores it); `visit` codes
    /// the field of one tag and returns false for a tag the message does not know, which reading
    /// skips, as KIP-482 requires.
    mutating func codeTaggedFields(present: [UInt32], _ visit: (UInt32, inout Self) throws -> Bool) throws
}

/// A value with a wire form in the Kafka protocol, read and written by one field list.
public protocol KafkaCodable: Sendable {
    /// A value with every field at its default, filled in by decoding.
    init()
    /// Visits every field present at `coder.version`, in wire order.
    mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws
}

/// A whole request or response body of one API.
public protocol KafkaMessage: KafkaCodable, Equatable {
    /// The API the message belongs to.
    static var apiKey: Int16 { get }
    /// The versions Kafka's schema defines for it.
    static var validVersions: ClosedRange<Int16> { get }
    /// The first flexible version, nil for an API without one.
    static var firstFlexibleVersion: Int16? { get }
}

extension KafkaMessage {
    /// Whether `version` of this message uses the flexible encoding.
    public static func isFlexible(version: Int16) -> Bool {
        firstFlexibleVersion.map { version >= $0 } ?? false
    }

    /// Reads a value at `version` from `buffer`, advancing its reader index.
    public static func decode(from buffer: inout ByteBuffer, version: Int16) throws -> Self {
        var decoder = KafkaDecoder(buffer: buffer, version: version, isFlexible: isFlexible(version: version))
        var value = Self()
        try value.code(with: &decoder)
        buffer = decoder.buffer
        return value
    }

    /// Appends the wire form of this value at `version` to `buffer`.
    public func encode(into buffer: inout ByteBuffer, version: Int16) {
        var encoder = KafkaEncoder(buffer: buffer, version: version, isFlexible: Self.isFlexible(version: version))
        var copy = self
        // Encoding only reads the fields, and every write to a ByteBuffer succeeds.
        try! copy.code(with: &encoder)
        buffer = encoder.buffer
    }
}

extension KafkaCoder {
    /// A string that is never null on the wire: null is refused when reading.
    public mutating func code(_ value: inout String, _ field: StaticString) throws {
        var optional: String? = value
        try code(&optional, field)
        guard let string = optional else { throw KafkaProtocolError.invalidLength(field: "\(field)", length: -1) }
        value = string
    }

    /// Bytes that are never null on the wire: null reads as empty.
    public mutating func code(_ value: inout ByteBuffer, _ field: StaticString) throws {
        var optional: ByteBuffer? = value
        try code(&optional, field)
        value = optional ?? ByteBuffer()
    }

    /// A struct that may be null: a signed byte, -1 for null and 1 before the struct's fields.
    public mutating func codeNullable<Value: KafkaCodable>(_ value: inout Value?, _ field: StaticString) throws {
        var marker: Int8 = value == nil ? -1 : 1
        try code(&marker, field)
        guard marker >= 0 else {
            value = nil
            return
        }
        var present = value ?? Value()
        try present.code(with: &self)
        value = present
    }

    /// A tagged-field section without fields this message knows.
    public mutating func codeTaggedFields() throws {
        try codeTaggedFields(present: []) { _, _ in false }
    }

    // Arrays: null reads as empty where the schema does not allow null.

    public mutating func code<Element: KafkaCodable>(_ elements: inout [Element]?, _ field: StaticString) throws {
        try code(&elements, field, minimumElementSize: 1, blank: Element()) { element, coder in
            try element.code(with: &coder)
        }
    }

    public mutating func code<Element: KafkaCodable>(_ elements: inout [Element], _ field: StaticString) throws {
        var optional: [Element]? = elements
        try code(&optional, field)
        elements = optional ?? []
    }

    public mutating func code(_ elements: inout [Int8]?, _ field: StaticString) throws {
        try code(&elements, field, minimumElementSize: 1, blank: 0) { element, coder in try coder.code(&element, field)
        }
    }

    public mutating func code(_ elements: inout [Int8], _ field: StaticString) throws {
        var optional: [Int8]? = elements
        try code(&optional, field)
        elements = optional ?? []
    }

    public mutating func code(_ elements: inout [Int32]?, _ field: StaticString) throws {
        try code(&elements, field, minimumElementSize: 4, blank: 0) { element, coder in try coder.code(&element, field)
        }
    }

    public mutating func code(_ elements: inout [Int32], _ field: StaticString) throws {
        var optional: [Int32]? = elements
        try code(&optional, field)
        elements = optional ?? []
    }

    public mutating func code(_ elements: inout [Int64]?, _ field: StaticString) throws {
        try code(&elements, field, minimumElementSize: 8, blank: 0) { element, coder in try coder.code(&element, field)
        }
    }

    public mutating func code(_ elements: inout [Int64], _ field: StaticString) throws {
        var optional: [Int64]? = elements
        try code(&optional, field)
        elements = optional ?? []
    }

    public mutating func code(_ elements: inout [KafkaUUID]?, _ field: StaticString) throws {
        try code(&elements, field, minimumElementSize: 16, blank: .zero) { element, coder in
            try coder.code(&element, field)
        }
    }

    public mutating func code(_ elements: inout [KafkaUUID], _ field: StaticString) throws {
        var optional: [KafkaUUID]? = elements
        try code(&optional, field)
        elements = optional ?? []
    }

    public mutating func code(_ elements: inout [String]?, _ field: StaticString) throws {
        try code(&elements, field, minimumElementSize: 1, blank: "") { element, coder in try coder.code(&element, field)
        }
    }

    public mutating func code(_ elements: inout [String], _ field: StaticString) throws {
        var optional: [String]? = elements
        try code(&optional, field)
        elements = optional ?? []
    }
}
