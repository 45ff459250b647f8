import NIOCore

/// Writes fields to a ByteBuffer in Kafka's big-endian, length-prefixed forms.
public struct KafkaEncoder: KafkaCoder {
    public var buffer: ByteBuffer
    public let version: Int16

    public init(buffer: ByteBuffer, version: Int16) {
        self.buffer = buffer
        self.version = version
    }

    public mutating func code(_ value: inout Int8, _ field: StaticString) { buffer.writeInteger(value) }
    public mutating func code(_ value: inout Int16, _ field: StaticString) { buffer.writeInteger(value) }
    public mutating func code(_ value: inout Int32, _ field: StaticString) { buffer.writeInteger(value) }
    public mutating func code(_ value: inout Int64, _ field: StaticString) { buffer.writeInteger(value) }
    public mutating func code(_ value: inout Bool, _ field: StaticString) { buffer.writeInteger(Int8(value ? 1 : 0)) }

    public mutating func code(_ value: inout String?, _ field: StaticString) {
        guard let string = value else {
            buffer.writeInteger(Int16(-1))
            return
        }
        buffer.writeInteger(Int16(string.utf8.count))
        buffer.writeString(string)
    }

    public mutating func code(_ value: inout String, _ field: StaticString) {
        var optional: String? = value
        code(&optional, field)
    }

    public mutating func code(_ value: inout ByteBuffer?, _ field: StaticString) {
        guard var bytes = value else {
            buffer.writeInteger(Int32(-1))
            return
        }
        buffer.writeInteger(Int32(bytes.readableBytes))
        buffer.writeBuffer(&bytes)
    }

    public mutating func code(_ value: inout ByteBuffer, _ field: StaticString) {
        var optional: ByteBuffer? = value
        code(&optional, field)
    }

    public mutating func code<Element: KafkaCodable>(_ elements: inout [Element]?, _ field: StaticString) throws {
        guard var array = elements else {
            buffer.writeInteger(Int32(-1))
            return
        }
        buffer.writeInteger(Int32(array.count))
        for index in array.indices {
            try array[index].code(with: &self)
        }
    }

    public mutating func code<Element: KafkaCodable>(_ elements: inout [Element], _ field: StaticString) throws {
        var optional: [Element]? = elements
        try code(&optional, field)
    }

    public mutating func code(_ elements: inout [Int32], _ field: StaticString) {
        buffer.writeInteger(Int32(elements.count))
        for element in elements { buffer.writeInteger(element) }
    }

    public mutating func code(_ elements: inout [String]?, _ field: StaticString) {
        guard let array = elements else {
            buffer.writeInteger(Int32(-1))
            return
        }
        buffer.writeInteger(Int32(array.count))
        for var element in array { code(&element, field) }
    }

    public mutating func code(_ elements: inout [String], _ field: StaticString) {
        var optional: [String]? = elements
        code(&optional, field)
    }

    public mutating func codeCompact(_ value: inout String, _ field: StaticString) {
        buffer.writeUnsignedVarint(UInt32(value.utf8.count) + 1)
        buffer.writeString(value)
    }

    public mutating func codeCompact<Element: KafkaCodable>(_ elements: inout [Element], _ field: StaticString) throws {
        buffer.writeUnsignedVarint(UInt32(elements.count) + 1)
        for index in elements.indices {
            try elements[index].code(with: &self)
        }
    }

    public mutating func codeTaggedFields() {
        buffer.writeUnsignedVarint(0)
    }
}
