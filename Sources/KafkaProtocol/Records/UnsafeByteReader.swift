/// A cursor over raw bytes for the hot loops that parse records: no bounds are checked twice and
/// nothing is allocated.
///
/// Every read checks the remaining length itself and throws instead of reading past the end.
struct UnsafeByteReader {
    let bytes: UnsafeRawBufferPointer
    /// Index of the next unread byte.
    var position: Int

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// Bytes not read yet.
    var remaining: Int { bytes.count - position }

    var isAtEnd: Bool { position >= bytes.count }

    /// Reads one byte as a signed integer.
    @inline(__always)
    mutating func readInt8() throws(VarintError) -> Int8 {
        guard position < bytes.count else { throw .truncated }
        let byte = bytes[position]
        position += 1
        return Int8(bitPattern: byte)
    }

    /// Reads a zig-zag varint (at most 5 bytes).
    @inline(__always)
    mutating func readVarint() throws(VarintError) -> Int32 {
        // Fast paths: one byte holds -64...63, two bytes -8192...8191, which cover nearly every
        // length and delta of a record (a value of 64 bytes or more already takes two).
        if position < bytes.count {
            let first = bytes[position]
            if first < 0x80 {
                position += 1
                return Varint.zigZagDecoded(UInt32(first))
            }
            if position + 1 < bytes.count {
                let second = bytes[position + 1]
                if second < 0x80 {
                    position += 2
                    return Varint.zigZagDecoded(UInt32(first & 0x7F) | UInt32(second) << 7)
                }
            }
        }
        return try readVarintSlowly()
    }

    @inline(never)
    private mutating func readVarintSlowly() throws(VarintError) -> Int32 {
        var result: UInt32 = 0
        var index = position
        var shift: UInt32 = 0
        while true {
            guard index < bytes.count else { throw .truncated }
            let byte = bytes[index]
            index += 1
            if shift == 28 && byte > 0x0F {
                throw byte & 0x80 != 0 ? .overlong : .outOfRange
            }
            result |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 {
                position = index
                return Varint.zigZagDecoded(result)
            }
            shift += 7
        }
    }

    /// Reads a zig-zag varlong (at most 10 bytes).
    @inline(__always)
    mutating func readVarlong() throws(VarintError) -> Int64 {
        if position < bytes.count {
            let first = bytes[position]
            if first < 0x80 {
                position += 1
                return Varint.zigZagDecoded(UInt64(first))
            }
        }
        return try readVarlongSlowly()
    }

    @inline(never)
    private mutating func readVarlongSlowly() throws(VarintError) -> Int64 {
        var result: UInt64 = 0
        var index = position
        var shift: UInt64 = 0
        while true {
            guard index < bytes.count else { throw .truncated }
            let byte = bytes[index]
            index += 1
            if shift == 63 && byte > 0x01 {
                throw byte & 0x80 != 0 ? .overlong : .outOfRange
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                position = index
                return Varint.zigZagDecoded(result)
            }
            shift += 7
        }
    }
}

/// Writes the seven-bits-per-byte form of `value` at `pointer`; returns the number of bytes written.
///
/// The caller guarantees room for `Varint.unsignedEncodedLength(of: value)` bytes.
@inline(__always)
func storeUnsignedVarint(_ value: UInt64, at pointer: UnsafeMutableRawPointer) -> Int {
    var value = value
    var count = 0
    while value >= 0x80 {
        pointer.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, toByteOffset: count, as: UInt8.self)
        value >>= 7
        count += 1
    }
    pointer.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: count, as: UInt8.self)
    return count + 1
}
