import NIOCore

/// A header of a record: a UTF-8 key and an optional byte value.
public struct RecordHeader: Hashable, Sendable {
    /// The header's name; invalid UTF-8 from a producer is repaired with U+FFFD when decoding.
    public var key: String
    /// The value, or nil when the producer sent a null header value.
    public var value: ByteBuffer?

    public init(key: String, value: ByteBuffer?) {
        self.key = key
        self.value = value
    }
}
