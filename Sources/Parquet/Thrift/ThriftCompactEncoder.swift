/// Writes values in the Thrift Compact Protocol, the encoding of every Parquet page header and footer.
///
/// The encoder is a byte buffer plus the bookkeeping the protocol needs: field identifiers are written
/// as deltas from the previous field of the same struct, so a stack remembers the last identifier of
/// each struct being written. Write a struct as `beginStruct()`, its fields in increasing identifier
/// order, then `endStruct()`; the outermost message is a struct like any other.
///
/// See https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md
public struct ThriftCompactEncoder: Sendable {
    /// The type nibble that the compact protocol writes in field and list headers.
    public enum FieldType: UInt8, Sendable {
        case booleanTrue = 1
        case booleanFalse = 2
        case byte = 3
        case int16 = 4
        case int32 = 5
        case int64 = 6
        case double = 7
        case binary = 8
        case list = 9
        case set = 10
        case map = 11
        case structure = 12
    }

    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    /// The identifier of the last field written in each open struct, innermost last.
    private var lastFieldIdentifiers: [Int16] = [0]

    /// Creates an encoder with an empty buffer, ready to write the fields of an outermost struct.
    public init() {}

    // MARK: Structs and fields

    /// Opens a nested struct: its field identifiers count from zero again.
    ///
    /// Call after `writeFieldHeader(_:type: .structure)` or as a list element.
    public mutating func beginStruct() {
        lastFieldIdentifiers.append(0)
    }

    /// Writes the stop byte that ends the current struct, and returns to the enclosing one.
    public mutating func endStruct() {
        bytes.append(0)
        if lastFieldIdentifiers.count > 1 {
            lastFieldIdentifiers.removeLast()
        } else {
            // The outermost struct ended; a following message starts afresh.
            lastFieldIdentifiers = [0]
        }
    }

    /// Writes the header of a field: a one-byte delta form when the identifier is 1 to 15 above the
    /// previous one, otherwise the type byte followed by the identifier as a zigzag varint.
    public mutating func writeFieldHeader(_ identifier: Int16, type: FieldType) {
        let delta = Int(identifier) - Int(lastFieldIdentifiers[lastFieldIdentifiers.count - 1])
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeVarint(UInt64(zigzag(Int64(identifier))))
        }
        lastFieldIdentifiers[lastFieldIdentifiers.count - 1] = identifier
    }

    /// Writes a boolean field; the compact protocol folds the value into the field header's type.
    public mutating func writeBooleanField(_ identifier: Int16, _ value: Bool) {
        writeFieldHeader(identifier, type: value ? .booleanTrue : .booleanFalse)
    }

    /// Writes an `i8` field as one raw byte.
    public mutating func writeByteField(_ identifier: Int16, _ value: Int8) {
        writeFieldHeader(identifier, type: .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    /// Writes an `i16` field as a zigzag varint.
    public mutating func writeInt16Field(_ identifier: Int16, _ value: Int16) {
        writeFieldHeader(identifier, type: .int16)
        writeInteger(Int64(value))
    }

    /// Writes an `i32` field (and Thrift enums, which travel as `i32`) as a zigzag varint.
    public mutating func writeInt32Field(_ identifier: Int16, _ value: Int32) {
        writeFieldHeader(identifier, type: .int32)
        writeInteger(Int64(value))
    }

    /// Writes an `i64` field as a zigzag varint.
    public mutating func writeInt64Field(_ identifier: Int16, _ value: Int64) {
        writeFieldHeader(identifier, type: .int64)
        writeInteger(value)
    }

    /// Writes a `double` field as eight little-endian bytes.
    public mutating func writeDoubleField(_ identifier: Int16, _ value: Double) {
        writeFieldHeader(identifier, type: .double)
        writeDouble(value)
    }

    /// Writes a `binary` field: a varint length, then the bytes.
    public mutating func writeBinaryField(_ identifier: Int16, _ value: some Collection<UInt8>) {
        writeFieldHeader(identifier, type: .binary)
        writeBinary(value)
    }

    /// Writes a `string` field: Thrift strings are UTF-8 binaries.
    public mutating func writeStringField(_ identifier: Int16, _ value: String) {
        writeBinaryField(identifier, value.utf8)
    }

    /// Writes the header of a struct field and opens the struct; close it with `endStruct()`.
    public mutating func beginStructField(_ identifier: Int16) {
        writeFieldHeader(identifier, type: .structure)
        beginStruct()
    }

    /// Writes the header of a list field; write exactly `count` elements of `elementType` after it.
    public mutating func writeListFieldHeader(_ identifier: Int16, elementType: FieldType, count: Int) {
        writeFieldHeader(identifier, type: .list)
        writeListHeader(elementType: elementType, count: count)
    }

    // MARK: Bare values (list elements)

    /// Writes a list header: the size in the high nibble when below 15, otherwise 0xF and a varint.
    public mutating func writeListHeader(elementType: FieldType, count: Int) {
        precondition(count >= 0, "a list cannot have a negative size")
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// Writes a signed integer (`i16`, `i32` or `i64`) as a zigzag varint, as list elements are.
    public mutating func writeInteger(_ value: Int64) {
        writeVarint(zigzag(value))
    }

    /// Writes eight little-endian bytes of an IEEE 754 double.
    public mutating func writeDouble(_ value: Double) {
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    /// Writes a binary value: a varint length, then the bytes.
    public mutating func writeBinary(_ value: some Collection<UInt8>) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Writes a string value as its UTF-8 bytes.
    public mutating func writeString(_ value: String) {
        writeBinary(value.utf8)
    }

    /// Writes an unsigned LEB128 varint: seven bits per byte, least significant first.
    public mutating func writeVarint(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    /// Maps signed integers to unsigned so that small magnitudes of either sign stay short varints.
    private func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }
}
