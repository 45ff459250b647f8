/// Where one record's fields lie in its batch's record bytes, checked but not copied: what a
/// reader that looks at values in place needs, without a `ByteBuffer` slice or a header array
/// per record.
///
/// Ranges index the readable bytes of the batch's `recordBytes` (see `LocatedRecordBatch`).
public struct RecordLocation: Hashable, Sendable {
    /// Record-level attributes; unused by Kafka so far, always 0.
    public var attributes: Int8
    /// Milliseconds after the batch's `baseTimestamp`.
    public var timestampDelta: Int64
    /// Position after the batch's `baseOffset`.
    public var offsetDelta: Int32
    /// The key's bytes, or nil for a record without one.
    public var key: Range<Int>?
    /// The value's bytes, or nil for a tombstone.
    public var value: Range<Int>?
    /// How many headers the record has.
    public var headerCount: Int32
    /// The headers' bytes, each checked to fit; parsed only when the record is materialized.
    public var headers: Range<Int>
}
