import NIOCore

/// A header of a record: a UTF-8 key and an optional byte value.
public struct RecordHeader: Hashable, Sendable {
    public var key: String
    /// The value, or nil when the producer sent a null header value.
    public var value: ByteBuffer?

    public init(key: String, value: ByteBuffer?) {
        self.key = key
        self.value = value
    }
}
