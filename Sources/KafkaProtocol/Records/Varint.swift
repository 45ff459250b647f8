/// Zig-zag variable-length integers, the encoding of the lengths, deltas and counts inside Kafka records.
///
/// A signed value is first mapped to an unsigned one by zig-zag (0, -1, 1, -2, ... become 0, 1, 2, 3,
/// ...), so that values near zero stay short; the result is written seven bits per byte, least
/// significant group first, with the high bit of each byte saying that another byte follows.
/// A `varint` carries an `Int32` in at most 5 bytes, a `varlong` an `Int64` in at most 10.
public enum Varint {
    /// The longest encoding of an `Int32` (a varint), in bytes.
    public static let maximumVarintLength = 5
    /// The longest encoding of an `Int64` (a varlong), in bytes.
    public static let maximumVarlongLength = 10

    /// Maps a signed 32-bit value to its zig-zag form.
    @inlinable
    public static func zigZagEncoded(_ value: Int32) -> UInt32 {
        UInt32(bitPattern: (value &<< 1) ^ (value >> 31))
    }

    /// Maps a signed 64-bit value to its zig-zag form.
    @inlinable
    public static func zigZagEncoded(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value &<< 1) ^ (value >> 63))
    }

    /// Recovers a signed 32-bit value from its zig-zag form.
    @inlinable
    public static func zigZagDecoded(_ value: UInt32) -> Int32 {
        Int32(bitPattern: value >> 1) ^ (0 &- Int32(bitPattern: value & 1))
    }

    /// Recovers a signed 64-bit value from its zig-zag form.
    @inlinable
    public static func zigZagDecoded(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ (0 &- Int64(bitPattern: value & 1))
    }

    /// The number of bytes `value` takes as a zig-zag varint.
    @inlinable
    public static func encodedLength(of value: Int32) -> Int {
        unsignedEncodedLength(of: UInt64(zigZagEncoded(value)))
    }

    /// The number of bytes `value` takes as a zig-zag varlong.
    @inlinable
    public static func encodedLength(of value: Int64) -> Int {
        unsignedEncodedLength(of: zigZagEncoded(value))
    }

    /// The number of bytes of the seven-bits-per-byte encoding of an unsigned value.
    @inlinable
    static func unsignedEncodedLength(of value: UInt64) -> Int {
        (64 - (value | 1).leadingZeroBitCount + 6) / 7
    }
}
