import NIOCore

/// A Kafka RecordBatch (magic 2) with its records decoded: the unit that producers send, the log
/// stores and consumers fetch.
///
/// Encoding computes what follows from the records (lengths, `lastOffsetDelta`, the record count,
/// `maxTimestamp` for create-time batches, the CRC-32C); decoding checks the CRC, decompresses the
/// records when the attributes say so, and parses them with keys and values sliced, not copied.
public struct RecordBatch: Hashable, Sendable {
    /// Offset of the first record; the broker assigns it on append.
    public var baseOffset: Int64
    /// The leader epoch of the partition when the batch was appended, or -1 (set by the broker).
    public var partitionLeaderEpoch: Int32
    /// Compression, timestamp type, transactional and control flags.
    public var attributes: RecordBatchAttributes
    /// Timestamp of the first record, in milliseconds since the epoch; records add their delta.
    public var baseTimestamp: Int64
    /// The largest record timestamp, or the broker's append time when `attributes` say so.
    ///
    /// When encoding a create-time batch this is recomputed from the records; a log-append-time
    /// batch is written with the value stored here.
    public var maxTimestamp: Int64
    /// The idempotent or transactional producer, or -1.
    public var producerId: Int64
    /// The producer's epoch, fencing zombie instances of the same producer id, or -1.
    public var producerEpoch: Int16
    /// Sequence number of the first record for idempotent de-duplication, or -1.
    public var baseSequence: Int32
    /// The records, in offset order.
    public var records: [Record]

    /// The default limit on the size of a batch's records after decompression (64 MiB).
    public static let defaultMaximumDecompressedSize = 64 * 1024 * 1024

    /// Creates a batch; `maxTimestamp` defaults to the largest record timestamp.
    public init(
        baseOffset: Int64 = 0,
        partitionLeaderEpoch: Int32 = -1,
        attributes: RecordBatchAttributes = RecordBatchAttributes(),
        baseTimestamp: Int64,
        maxTimestamp: Int64? = nil,
        producerId: Int64 = -1,
        producerEpoch: Int16 = -1,
        baseSequence: Int32 = -1,
        records: [Record]
    ) {
        self.baseOffset = baseOffset
        self.partitionLeaderEpoch = partitionLeaderEpoch
        self.attributes = attributes
        self.baseTimestamp = baseTimestamp
        self.maxTimestamp = maxTimestamp ?? Self.largestTimestamp(baseTimestamp: baseTimestamp, records: records)
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.baseSequence = baseSequence
        self.records = records
    }

    /// The offset of `record` in the partition.
    @inlinable
    public func offset(of record: Record) -> Int64 {
        baseOffset + Int64(record.offsetDelta)
    }

    /// The timestamp of `record`: the broker's append time for log-append-time batches, else the
    /// producer's create time.
    @inlinable
    public func timestamp(of record: Record) -> Int64 {
        attributes.usesLogAppendTime ? maxTimestamp : baseTimestamp + record.timestampDelta
    }

    /// The largest create timestamp among `records`, or `baseTimestamp` when there are none.
    static func largestTimestamp(baseTimestamp: Int64, records: [Record]) -> Int64 {
        guard var largest = records.first?.timestampDelta else { return baseTimestamp }
        for record in records where record.timestampDelta > largest {
            largest = record.timestampDelta
        }
        return baseTimestamp &+ largest
    }
}
