import NIOCore

/// Whole record batches read from a partition, with the offsets Fetch reports next to them.
public struct ReadResult: Sendable {
    /// Complete batches as stored, starting with the batch that contains the requested offset;
    /// empty when the requested offset is the log end offset.
    public var records: ByteBuffer
    /// The offset up to which records are readable: the log end offset, as there is one replica.
    public var highWatermark: Int64
    /// The first offset still in the log.
    public var logStartOffset: Int64

    public init(records: ByteBuffer, highWatermark: Int64, logStartOffset: Int64) {
        self.records = records
        self.highWatermark = highWatermark
        self.logStartOffset = logStartOffset
    }
}
