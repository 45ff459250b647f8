import NIOCore

/// One record of a Kafka RecordBatch (magic 2): a key, a value and headers, placed in time and in
/// the log relative to the batch that holds it.
///
/// Decoded keys and values are slices of the batch's bytes (or of its decompressed records), so
/// reading them copies nothing.
public struct Record: Hashable, Sendable {
    /// Record-level attributes; unused by Kafka so far, always 0.
    public var attributes: Int8
    /// Milliseconds after the batch's `baseTimestamp`.
    public var timestampDelta: Int64
    /// Position after the batch's `baseOffset`.
    public var offsetDelta: Int32
    /// The key, or nil for a record without one.
    public var key: ByteBuffer?
    /// The value, or nil for a tombstone.
    public var value: ByteBuffer?
    /// Headers in the order the producer gave them.
    public var headers: [RecordHeader]

    public init(
        attributes: Int8 = 0,
        timestampDelta: Int64 = 0,
        offsetDelta: Int32,
        key: ByteBuffer? = nil,
        value: ByteBuffer?,
        headers: [RecordHeader] = []
    ) {
        self.attributes = attributes
        self.timestampDelta = timestampDelta
        self.offsetDelta = offsetDelta
        self.key = key
        self.value = value
        self.headers = headers
    }
}
