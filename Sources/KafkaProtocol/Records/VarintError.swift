/// Why bytes could not be read as a zig-zag varint or varlong.
public enum VarintError: Error, Hashable, Sendable {
    /// The bytes ended while the high bit of the last byte still announced another one.
    case truncated
    /// The value continues past the longest legal encoding (5 bytes for a varint, 10 for a varlong).
    case overlong
    /// The last byte carries bits beyond the width of the integer (32 or 64 bits).
    case outOfRange
}

extension VarintError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .truncated: "varint truncated: the bytes end before its last byte"
        case .overlong: "varint overlong: more bytes than the longest legal encoding"
        case .outOfRange: "varint out of range: its value does not fit the integer width"
        }
    }
}
