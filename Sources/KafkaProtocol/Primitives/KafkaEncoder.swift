import NIOCore

/// Writes fields to a ByteBuffer in Kafka's big-endian, length-prefixed forms.
public struct KafkaEncoder: KafkaCoder {
    public var buffer: ByteBuffer
    public let version: Int16
    public let isFlexible: Bool

    public init(buffer: ByteBuffer, version: Int16, isFlexible: Bool = false) {
        self.buffer = buffer
        self.version = version
        self.isFlexible = isFlexible
    }

    public mutating func code(_ value: inout Int8, _ field: StaticString) { buffer.writeInteger(value) }
    public mutating func code(_ value: inout Int16, _ field: StaticString) { buffer.writeInteger(value) }
    public mutating func code(_ value: inout Int32, _ field: StaticString) { buffer.writeInteger(value) }
    public mutating func code(_ value: inout Int64, _ field: StaticString) { buffer.writeInteger(value) }
    public mutating func code(_ value: inout UInt16, _ field: StaticString) { buffer.writeInteger(value) }
    public mutating func code(_ value: inout UInt32, _ field: StaticString) { buffer.writeInteger(value) }
    public mutating func code(_ value: inout Double, _ field: StaticString) { buffer.writeInteger(value.bitPattern) }
    public mutating func code(_ value: inout Bool, _ field: StaticString) { buffer.writeInteger(Int8(value ? 1 : 0)) }

    public mutating func code(_ value: inout KafkaUUID, _ field: StaticString) {
        buffer.writeInteger(value.mostSignificantBits)
        buffer.writeInteger(value.leastSignificantBits)
    }

    /// A length or count: compact (plus one, zero for null) in flexible versions, else signed.
    private mutating func writeLength<Integer: FixedWidthInteger>(_ length: Int?, classic: Integer.Type) {
        if isFlexible {
            buffer.writeUnsignedVarint(UInt32(length.map { $0 + 1 } ?? 0))
        } else {
            buffer.writeInteger(Integer(length ?? -1))
        }
    }

    public mutating func code(_ value: inout String?, _ field: StaticString) {
        writeLength(value?.utf8.count, classic: Int16.self)
        if let string = value { buffer.writeString(string) }
    }

    public mutating func code(_ value: inout ByteBuffer?, _ field: StaticString) {
        writeLength(value?.readableBytes, classic: Int32.self)
        if var bytes = value { buffer.writeBuffer(&bytes) }
    }

    public mutating func code<Element>(
        _ elements: inout [Element]?,
        _ field: StaticString,
        minimumElementSize: Int,
        blank: Element,
        element: (inout Element, inout Self) throws -> Void
    ) throws {
        writeLength(elements?.count, classic: Int32.self)
        guard elements != nil else { return }
        for index in elements!.indices { try element(&elements![index], &self) }
    }

    public mutating func codeTaggedFields(present: [UInt32], _ visit: (UInt32, inout Self) throws -> Bool) throws {
        buffer.writeUnsignedVarint(UInt32(present.count))
        for tag in present {
            var value = KafkaEncoder(buffer: ByteBuffer(), version: version, isFlexible: isFlexible)
            _ = try visit(tag, &value)
            buffer.writeUnsignedVarint(tag)
            buffer.writeUnsignedVarint(UInt32(value.buffer.readableBytes))
            buffer.writeBuffer(&value.buffer)
        }
    }
}
