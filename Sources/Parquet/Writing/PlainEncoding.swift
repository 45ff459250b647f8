/// Byte helpers for Parquet's PLAIN encoding and for the little-endian framing around pages.
enum PlainEncoding {
    /// The bytes of an unsigned integer, least significant first.
    static func littleEndian<Integer: FixedWidthInteger & UnsignedInteger>(_ value: Integer) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Integer.bitWidth / 8)
        appendLittleEndian(value, to: &bytes)
        return bytes
    }

    /// Appends the bytes of an unsigned integer, least significant first.
    static func appendLittleEndian<Integer: FixedWidthInteger & UnsignedInteger>(
        _ value: Integer,
        to bytes: inout [UInt8]
    ) {
        var remaining = value
        for _ in 0..<(Integer.bitWidth / 8) {
            bytes.append(UInt8(truncatingIfNeeded: remaining))
            remaining >>= 8
        }
    }

    /// Definition levels of a version 1 data page: a 4-byte little-endian length, then the levels in
    /// the RLE/bit-packing hybrid, here as RLE runs only (bit width 1, so each run's value is one byte).
    static func definitionLevels(_ levels: [UInt8]) -> [UInt8] {
        var runs: [UInt8] = []
        var index = 0
        while index < levels.count {
            let value = levels[index]
            var end = index + 1
            while end < levels.count && levels[end] == value { end += 1 }
            // An RLE run header is the run length shifted left once; a clear low bit marks RLE.
            var header = UInt64(end - index) << 1
            while header >= 0x80 {
                runs.append(UInt8(truncatingIfNeeded: header) | 0x80)
                header >>= 7
            }
            runs.append(UInt8(header))
            runs.append(value)
            index = end
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(runs.count + 4)
        appendLittleEndian(UInt32(runs.count), to: &bytes)
        bytes.append(contentsOf: runs)
        return bytes
    }
}
