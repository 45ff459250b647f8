import NIOCore

/// The fixed 61-byte header of a Kafka RecordBatch (magic 2), read without touching the records.
///
/// The broker stores batches as received and serves them back byte for byte; it only needs these
/// fields to assign offsets, check the CRC, de-duplicate idempotent producers and index by time.
public struct RecordBatchHeader: Hashable, Sendable {
    /// Size of the header in bytes; the records follow it.
    public static let size = 61
    /// Bytes before `batchLength` ends: `baseOffset` (8) and `batchLength` (4).
    public static let logOverhead = 12
    /// Byte offset of the CRC field from the batch start.
    public static let crcOffset = 17
    /// Byte offset of `attributes`, where the CRC-covered range begins.
    public static let attributesOffset = 21
    /// Byte offset of `partitionLeaderEpoch`.
    public static let partitionLeaderEpochOffset = 12
    /// Byte offset of `maxTimestamp` (rewritten for log-append-time topics).
    public static let maxTimestampOffset = 35

    public var baseOffset: Int64
    /// Length of the batch after the `batchLength` field itself.
    public var batchLength: Int32
    public var partitionLeaderEpoch: Int32
    public var magic: Int8
    public var crc: UInt32
    public var attributes: RecordBatchAttributes
    public var lastOffsetDelta: Int32
    public var baseTimestamp: Int64
    public var maxTimestamp: Int64
    public var producerId: Int64
    public var producerEpoch: Int16
    public var baseSequence: Int32
    public var recordCount: Int32

    public init(
        baseOffset: Int64,
        batchLength: Int32,
        partitionLeaderEpoch: Int32 = -1,
        magic: Int8 = 2,
        crc: UInt32 = 0,
        attributes: RecordBatchAttributes = RecordBatchAttributes(),
        lastOffsetDelta: Int32,
        baseTimestamp: Int64,
        maxTimestamp: Int64,
        producerId: Int64 = -1,
        producerEpoch: Int16 = -1,
        baseSequence: Int32 = -1,
        recordCount: Int32
    ) {
        self.baseOffset = baseOffset
        self.batchLength = batchLength
        self.partitionLeaderEpoch = partitionLeaderEpoch
        self.magic = magic
        self.crc = crc
        self.attributes = attributes
        self.lastOffsetDelta = lastOffsetDelta
        self.baseTimestamp = baseTimestamp
        self.maxTimestamp = maxTimestamp
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.baseSequence = baseSequence
        self.recordCount = recordCount
    }

    /// Total size of the batch on the wire and on disk.
    public var totalSize: Int { Int(batchLength) + Self.logOverhead }

    /// Offset of the last record in the batch.
    public var lastOffset: Int64 { baseOffset + Int64(lastOffsetDelta) }

    /// Whether the producer asked for idempotent de-duplication.
    public var isIdempotent: Bool { producerId >= 0 && baseSequence >= 0 }

    /// Reads a header at `index` of `buffer` without moving its reader index; nil if too short.
    public init?(from buffer: ByteBuffer, at index: Int) {
        guard index >= 0, buffer.writerIndex - index >= Self.size,
            let baseOffset = buffer.getInteger(at: index, as: Int64.self),
            let batchLength = buffer.getInteger(at: index + 8, as: Int32.self),
            let partitionLeaderEpoch = buffer.getInteger(at: index + 12, as: Int32.self),
            let magic = buffer.getInteger(at: index + 16, as: Int8.self),
            let crc = buffer.getInteger(at: index + 17, as: UInt32.self),
            let attributes = buffer.getInteger(at: index + 21, as: Int16.self),
            let lastOffsetDelta = buffer.getInteger(at: index + 23, as: Int32.self),
            let baseTimestamp = buffer.getInteger(at: index + 27, as: Int64.self),
            let maxTimestamp = buffer.getInteger(at: index + 35, as: Int64.self),
            let producerId = buffer.getInteger(at: index + 43, as: Int64.self),
            let producerEpoch = buffer.getInteger(at: index + 51, as: Int16.self),
            let baseSequence = buffer.getInteger(at: index + 53, as: Int32.self),
            let recordCount = buffer.getInteger(at: index + 57, as: Int32.self)
        else { return nil }
        self.init(
            baseOffset: baseOffset,
            batchLength: batchLength,
            partitionLeaderEpoch: partitionLeaderEpoch,
            magic: magic,
            crc: crc,
            attributes: RecordBatchAttributes(rawValue: attributes),
            lastOffsetDelta: lastOffsetDelta,
            baseTimestamp: baseTimestamp,
            maxTimestamp: maxTimestamp,
            producerId: producerId,
            producerEpoch: producerEpoch,
            baseSequence: baseSequence,
            recordCount: recordCount
        )
    }

    /// Writes the header; the CRC is written as stored in `crc`.
    public func write(to buffer: inout ByteBuffer) {
        buffer.writeInteger(baseOffset)
        buffer.writeInteger(batchLength)
        buffer.writeInteger(partitionLeaderEpoch)
        buffer.writeInteger(magic)
        buffer.writeInteger(crc)
        buffer.writeInteger(attributes.rawValue)
        buffer.writeInteger(lastOffsetDelta)
        buffer.writeInteger(baseTimestamp)
        buffer.writeInteger(maxTimestamp)
        buffer.writeInteger(producerId)
        buffer.writeInteger(producerEpoch)
        buffer.writeInteger(baseSequence)
        buffer.writeInteger(recordCount)
    }
}

/// The `attributes` bit field of a RecordBatch.
public struct RecordBatchAttributes: Hashable, Sendable {
    public var rawValue: Int16

    public init(rawValue: Int16 = 0) { self.rawValue = rawValue }

    public init(compression: CompressionCodec, isTransactional: Bool = false, isControl: Bool = false) {
        var raw = Int16(compression.rawValue)
        if isTransactional { raw |= 0x10 }
        if isControl { raw |= 0x20 }
        self.rawValue = raw
    }

    /// The codec of the records section; nil for a value this broker does not know.
    public var compression: CompressionCodec? { CompressionCodec(rawValue: Int8(rawValue & 0x07)) }
    /// Whether timestamps are the broker's append time rather than the producer's create time.
    public var usesLogAppendTime: Bool { rawValue & 0x08 != 0 }
    public var isTransactional: Bool { rawValue & 0x10 != 0 }
    public var isControl: Bool { rawValue & 0x20 != 0 }
}
