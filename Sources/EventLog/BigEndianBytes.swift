/// Big-endian integers out of byte arrays, for the index files.
enum BigEndianBytes {
    static func uint32(_ bytes: [UInt8], at index: Int) -> UInt32 {
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] { value = value << 8 | UInt32(byte) }
        return value
    }

    static func uint64(_ bytes: [UInt8], at index: Int) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes[index..<index + 8] { value = value << 8 | UInt64(byte) }
        return value
    }
}
