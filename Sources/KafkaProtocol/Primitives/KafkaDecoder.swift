import NIOCore

/// Reads fields from a ByteBuffer; every shortfall is a `KafkaProtocolError`, never a trap.
public struct KafkaDecoder: KafkaCoder {
    public var buffer: ByteBuffer
    public let version: Int16

    public init(buffer: ByteBuffer, version: Int16) {
        self.buffer = buffer
        self.version = version
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

    public mutating func code(_ value: inout String?, _ field: StaticString) throws {
        let length = Int(try read(Int16.self, field))
        if length == -1 {
            value = nil
            return
        }
        guard length >= 0, length <= buffer.readableBytes else {
            throw KafkaProtocolError.invalidLength(field: "\(field)", length: length)
        }
        guard let string = buffer.readString(length: length) else {
            throw KafkaProtocolError.invalidString(field: "\(field)")
        }
        value = string
    }

    public mutating func code(_ value: inout String, _ field: StaticString) throws {
        var optional: String? = nil
        try code(&optional, field)
        guard let string = optional else { throw KafkaProtocolError.invalidLength(field: "\(field)", length: -1) }
        value = string
    }

    public mutating func code(_ value: inout ByteBuffer?, _ field: StaticString) throws {
        let length = Int(try read(Int32.self, field))
        if length == -1 {
            value = nil
            return
        }
        guard length >= 0, let slice = buffer.readSlice(length: length) else {
            throw KafkaProtocolError.invalidLength(field: "\(field)", length: length)
        }
        value = slice
    }

    public mutating func code(_ value: inout ByteBuffer, _ field: StaticString) throws {
        var optional: ByteBuffer? = nil
        try code(&optional, field)
        value = optional ?? ByteBuffer()
    }

    /// Reads an array length and checks it against the bytes left, so a hostile count cannot
    /// make the broker reserve memory for billions of elements.
    private mutating func readCount(_ field: StaticString, minimumElementSize: Int) throws -> Int? {
        let count = Int(try read(Int32.self, field))
        if count == -1 { return nil }
        guard count >= 0, count * minimumElementSize <= buffer.readableBytes else {
            throw KafkaProtocolError.invalidLength(field: "\(field)", length: count)
        }
        return count
    }

    public mutating func code<Element: KafkaCodable>(_ elements: inout [Element]?, _ field: StaticString) throws {
        guard let count = try readCount(field, minimumElementSize: 1) else {
            elements = nil
            return
        }
        var result: [Element] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            var element = Element()
            try element.code(with: &self)
            result.append(element)
        }
        elements = result
    }

    public mutating func code<Element: KafkaCodable>(_ elements: inout [Element], _ field: StaticString) throws {
        var optional: [Element]? = nil
        try code(&optional, field)
        elements = optional ?? []
    }

    public mutating func code(_ elements: inout [Int32], _ field: StaticString) throws {
        let count = try readCount(field, minimumElementSize: 4) ?? 0
        elements = try (0..<count).map { _ in try read(Int32.self, field) }
    }

    public mutating func code(_ elements: inout [String]?, _ field: StaticString) throws {
        guard let count = try readCount(field, minimumElementSize: 2) else {
            elements = nil
            return
        }
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            var element = ""
            try code(&element, field)
            result.append(element)
        }
        elements = result
    }

    public mutating func code(_ elements: inout [String], _ field: StaticString) throws {
        var optional: [String]? = nil
        try code(&optional, field)
        elements = optional ?? []
    }

    private mutating func readUnsignedVarint(_ field: StaticString) throws -> Int {
        do {
            return Int(try buffer.readUnsignedVarint())
        } catch {
            throw KafkaProtocolError.truncated(field: "\(field)")
        }
    }

    /// A compact length or count: the unsigned varint holds it plus one, zero meaning null.
    private mutating func readCompactLength(_ field: StaticString) throws -> Int? {
        let raw = try readUnsignedVarint(field)
        guard raw > 0 else { return nil }
        let length = raw - 1
        guard length <= buffer.readableBytes else {
            throw KafkaProtocolError.invalidLength(field: "\(field)", length: length)
        }
        return length
    }

    public mutating func codeCompact(_ value: inout String, _ field: StaticString) throws {
        guard let length = try readCompactLength(field) else {
            throw KafkaProtocolError.invalidLength(field: "\(field)", length: -1)
        }
        guard let string = buffer.readString(length: length) else {
            throw KafkaProtocolError.invalidString(field: "\(field)")
        }
        value = string
    }

    public mutating func codeCompact<Element: KafkaCodable>(_ elements: inout [Element], _ field: StaticString) throws {
        let count = try readCompactLength(field) ?? 0
        var result: [Element] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            var element = Element()
            try element.code(with: &self)
            result.append(element)
        }
        elements = result
    }

    public mutating func codeTaggedFields() throws {
        let count = try readUnsignedVarint("tagged_fields")
        guard count <= buffer.readableBytes else {
            throw KafkaProtocolError.invalidLength(field: "tagged_fields", length: count)
        }
        for _ in 0..<count {
            _ = try readUnsignedVarint("tag")
            let size = try readUnsignedVarint("tagged_field_size")
            guard buffer.readableBytes >= size else {
                throw KafkaProtocolError.invalidLength(field: "tagged_field", length: size)
            }
            buffer.moveReaderIndex(forwardBy: size)
        }
    }
}
