import NIOCore

extension ByteBuffer {
    /// Writes `value` as a zig-zag varint; returns the number of bytes written (1 to 5).
    @discardableResult
    public mutating func writeVarint(_ value: Int32) -> Int {
        let bits = UInt64(Varint.zigZagEncoded(value))
        return writeWithUnsafeMutableBytes(minimumWritableBytes: Varint.maximumVarintLength) { pointer in
            storeUnsignedVarint(bits, at: pointer.baseAddress!)
        }
    }

    /// Writes `value` as a zig-zag varlong; returns the number of bytes written (1 to 10).
    @discardableResult
    public mutating func writeVarlong(_ value: Int64) -> Int {
        let bits = Varint.zigZagEncoded(value)
        return writeWithUnsafeMutableBytes(minimumWritableBytes: Varint.maximumVarlongLength) { pointer in
            storeUnsignedVarint(bits, at: pointer.baseAddress!)
        }
    }

    /// Reads a zig-zag varint and moves the reader index past it.
    ///
    /// On error the reader index does not move.
    public mutating func readVarint() throws(VarintError) -> Int32 {
        let (value, length) = try getVarint(at: readerIndex)
        moveReaderIndex(forwardBy: length)
        return value
    }

    /// Reads a zig-zag varlong and moves the reader index past it.
    ///
    /// On error the reader index does not move.
    public mutating func readVarlong() throws(VarintError) -> Int64 {
        let (value, length) = try getVarlong(at: readerIndex)
        moveReaderIndex(forwardBy: length)
        return value
    }

    /// The zig-zag varint at `index` (which must be readable) and how many bytes it takes.
    public func getVarint(at index: Int) throws(VarintError) -> (value: Int32, length: Int) {
        guard index >= readerIndex, index <= writerIndex else { throw .truncated }
        return try withUnsafeReadableBytes { bytes throws(VarintError) in
            var reader = UnsafeByteReader(bytes, position: index - readerIndex)
            let value = try reader.readVarint()
            return (value, reader.position - (index - readerIndex))
        }
    }

    /// The zig-zag varlong at `index` (which must be readable) and how many bytes it takes.
    public func getVarlong(at index: Int) throws(VarintError) -> (value: Int64, length: Int) {
        guard index >= readerIndex, index <= writerIndex else { throw .truncated }
        return try withUnsafeReadableBytes { bytes throws(VarintError) in
            var reader = UnsafeByteReader(bytes, position: index - readerIndex)
            let value = try reader.readVarlong()
            return (value, reader.position - (index - readerIndex))
        }
    }

    /// Writes `value` as an unsigned varint (the lengths and counts of flexible versions, KIP-482).
    @discardableResult
    public mutating func writeUnsignedVarint(_ value: UInt32) -> Int {
        writeWithUnsafeMutableBytes(minimumWritableBytes: Varint.maximumVarintLength) { pointer in
            storeUnsignedVarint(UInt64(value), at: pointer.baseAddress!)
        }
    }

    /// Reads an unsigned varint and moves the reader index past it; on error it does not move.
    public mutating func readUnsignedVarint() throws(VarintError) -> UInt32 {
        // Zig-zag coding is a bijection between Int32 and UInt32, so encoding the zig-zag reading
        // gives back the raw seven-bit groups.
        Varint.zigZagEncoded(try readVarint())
    }
}
