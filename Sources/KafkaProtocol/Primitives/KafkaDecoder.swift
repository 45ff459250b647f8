import NIOCore

/// Reads fields from a ByteBuffer; every shortfall is a `KafkaProtocolError`, never a trap.
public struct KafkaDecoder: KafkaCoder {
    public var buffer: ByteBuffer
    public let version: Int16
    public let isFlexible: Bool

    public init(buffer: ByteBuffer, version: Int16, isFlexible: Bool = false) {
        self.buffer = buffer
        self.version = version
        self.isFlexible = isFlexible
    }

    private mutating func read<Integer: FixedWidthInteger>(_: Integer.Type, _ field: StaticString) throws -> Integer {
        guard let value = buffer.readInteger(as: Integer.self) else {
            throw KafkaProtocolError.truncated(field: "\(field)")
        }
        return value
    }

    public mutating func code(_ value: inout Int8, _ field: StaticString) throws { value = try read(Int8.self, field) }
    public mutating func code(_ value: inout Int16, _ field: StaticString) throws {
        value = try read(Int16.self, field)
    }
    public mutating func code(_ value: inout Int32, _ field: StaticString) throws {
        value = try read(Int32.self, field)
    }
    public mutating func code(_ value: inout Int64, _ field: StaticString) throws {
        value = try read(Int64.self, field)
    }

    public mutating func code(_ value: inout Bool, _ field: StaticString) throws {
        value = try read(Int8.self, field) != 0
    }

    public mutating func code(_ value: inout UInt16, _ field: StaticString) throws {
        value = try read(UInt16.self, field)
    }
    public mutating func code(_ value: inout UInt32, _ field: StaticString) throws {
        value = try read(UInt32.self, field)
    }
    public mutating func code(_ value: inout Double, _ field: StaticString) throws {
        value = Double(bitPattern: try read(UInt64.self, field))
    }

    public mutating func code(_ value: inout KafkaUUID, _ field: StaticString) throws {
        value = KafkaUUID(
            mostSignificantBits: try read(UInt64.self, field),
            leastSignificantBits: try read(UInt64.self, field)
        )
    }

    /// A length or count: compact (the unsigned varint holds it plus one, zero meaning null) in
    /// flexible versions, else a signed integer with -1 for null. Never more than the bytes left
    /// divided by `minimumElementSize`.
    private mutating func readLength<Integer: FixedWidthInteger>(
        _ field: StaticString,
        classic: Integer.Type,
        minimumElementSize: Int = 1
    ) throws -> Int? {
        let length: Int
        if isFlexible {
            let raw: UInt32
            do {
                raw = try buffer.readUnsignedVarint()
            } catch {
                throw KafkaProtocolError.truncated(field: "\(field)")
            }
            guard raw > 0 else { return nil }
            length = Int(raw) - 1
        } else {
            length = Int(try read(Integer.self, field))
            if length == -1 { return nil }
        }
        guard length >= 0, length <= buffer.readableBytes / minimumElementSize else {
            throw KafkaProtocolError.invalidLength(field: "\(field)", length: length)
        }
        return length
    }

    public mutating func code(_ value: inout String?, _ field: StaticString) throws {
        guard let length = try readLength(field, classic: Int16.self) else {
            value = nil
            return
        }
        guard let string = buffer.readString(length: length) else {
            throw KafkaProtocolError.invalidString(field: "\(field)")
        }
        value = string
    }

    public mutating func code(_ value: inout ByteBuffer?, _ field: StaticString) throws {
        guard let length = try readLength(field, classic: Int32.self) else {
            value = nil
            return
        }
        value = buffer.readSlice(length: length)
    }

    public mutating func code<Element>(
        _ elements: inout [Element]?,
        _ field: StaticString,
        minimumElementSize: Int,
        blank: Element,
        element: (inout Element, inout Self) throws -> Void
    ) throws {
        guard let count = try readLength(field, classic: Int32.self, minimumElementSize: minimumElementSize)
        else {
            elements = nil
            return
        }
        var result: [Element] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            var value = blank
            try element(&value, &self)
            result.append(value)
        }
        elements = result
    }

    public mutating func codeTaggedFields(present: [UInt32], _ visit: (UInt32, inout Self) throws -> Bool) throws {
        let count = try readUnsignedVarint("tagged_fields")
        guard count <= buffer.readableBytes else {
            throw KafkaProtocolError.invalidLength(field: "tagged_fields", length: count)
        }
        for _ in 0..<count {
            let tag = try readUnsignedVarint("tag")
            let size = try readUnsignedVarint("tagged_field_size")
            guard let bytes = buffer.readSlice(length: size) else {
                throw KafkaProtocolError.invalidLength(field: "tagged_field", length: size)
            }
            var fieldDecoder = KafkaDecoder(buffer: bytes, version: version, isFlexible: isFlexible)
            _ = try visit(UInt32(tag), &fieldDecoder)
        }
    }

    private mutating func readUnsignedVarint(_ field: StaticString) throws -> Int {
        do {
            return Int(try buffer.readUnsignedVarint())
        } catch {
            throw KafkaProtocolError.truncated(field: "\(field)")
        }
    }
}
