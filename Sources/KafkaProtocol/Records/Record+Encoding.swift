import NIOCore

extension Record {
    /// Bytes after the record's own length prefix.
    @inline(__always)
    var encodedBodyLength: Int {
        var length = 1 + Varint.encodedLength(of: timestampDelta) + Varint.encodedLength(of: offsetDelta)
        length += Self.encodedLength(of: key)
        length += Self.encodedLength(of: value)
        length += Varint.encodedLength(of: Int32(truncatingIfNeeded: headers.count))
        for header in headers {
            let keyLength = header.key.utf8.count
            length += Varint.encodedLength(of: Int32(truncatingIfNeeded: keyLength)) + keyLength
            length += Self.encodedLength(of: header.value)
        }
        return length
    }

    /// Bytes of the record including its length prefix.
    @inline(__always)
    static func encodedLength(ofBody bodyLength: Int) -> Int {
        Varint.encodedLength(of: Int32(truncatingIfNeeded: bodyLength)) + bodyLength
    }

    @inline(__always)
    private static func encodedLength(of bytes: ByteBuffer?) -> Int {
        guard let bytes else { return 1 }
        return Varint.encodedLength(of: Int32(truncatingIfNeeded: bytes.readableBytes)) + bytes.readableBytes
    }

    /// Writes the record, length prefix first, at `pointer`; returns the number of bytes written.
    ///
    /// The caller guarantees room for `encodedLength(ofBody: bodyLength)` bytes.
    func store(at pointer: UnsafeMutableRawPointer, bodyLength: Int) -> Int {
        var position = storeUnsignedVarint(
            UInt64(Varint.zigZagEncoded(Int32(truncatingIfNeeded: bodyLength))),
            at: pointer
        )
        pointer.storeBytes(of: attributes, toByteOffset: position, as: Int8.self)
        position += 1
        position += storeUnsignedVarint(Varint.zigZagEncoded(timestampDelta), at: pointer + position)
        position += storeUnsignedVarint(UInt64(Varint.zigZagEncoded(offsetDelta)), at: pointer + position)
        position += Self.store(key, at: pointer + position)
        position += Self.store(value, at: pointer + position)
        let headerCount = Int32(truncatingIfNeeded: headers.count)
        position += storeUnsignedVarint(UInt64(Varint.zigZagEncoded(headerCount)), at: pointer + position)
        for header in headers {
            let keyLength = Int32(truncatingIfNeeded: header.key.utf8.count)
            position += storeUnsignedVarint(UInt64(Varint.zigZagEncoded(keyLength)), at: pointer + position)
            let destination = pointer + position
            let copied = header.key.utf8.withContiguousStorageIfAvailable { utf8 in
                if let base = utf8.baseAddress, utf8.count > 0 {
                    destination.copyMemory(from: base, byteCount: utf8.count)
                }
                return utf8.count
            }
            if let copied {
                position += copied
            } else {
                for byte in header.key.utf8 {
                    pointer.storeBytes(of: byte, toByteOffset: position, as: UInt8.self)
                    position += 1
                }
            }
            position += Self.store(header.value, at: pointer + position)
        }
        return position
    }

    /// Writes a varint length (-1 for nil) and the bytes; returns the number of bytes written.
    @inline(__always)
    private static func store(_ bytes: ByteBuffer?, at pointer: UnsafeMutableRawPointer) -> Int {
        guard let bytes else {
            return storeUnsignedVarint(UInt64(Varint.zigZagEncoded(Int32(-1))), at: pointer)
        }
        let count = bytes.readableBytes
        let prefix = storeUnsignedVarint(
            UInt64(Varint.zigZagEncoded(Int32(truncatingIfNeeded: count))),
            at: pointer
        )
        if count > 0 {
            bytes.withUnsafeReadableBytes { source in
                (pointer + prefix).copyMemory(from: source.baseAddress!, byteCount: count)
            }
        }
        return prefix + count
    }
}
