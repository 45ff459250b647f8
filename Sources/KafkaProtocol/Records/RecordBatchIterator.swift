import NIOCore

/// Walks the RecordBatches laid back to back in a buffer, as a Fetch response, a Produce request or
/// a log segment holds them.
///
/// A trailing partial batch ends the iteration without an error: brokers may cut the last batch of
/// a Fetch response at the size limit, and a torn log tail looks the same. After an error about
/// one complete batch (a CRC mismatch, a corrupt record) the iterator has moved past it, so the
/// caller may go on with the next; after an error about the framing itself (a length too small to
/// be a batch) it stops, because nothing after that can be trusted.
public struct RecordBatchIterator: Sendable {
    /// The bytes not consumed yet.
    public private(set) var remainingBytes: ByteBuffer
    /// Limit on each batch's records after decompression.
    public let maximumDecompressedSize: Int
    /// Whether each batch's CRC-32C is checked when decoding it.
    public let verifiesChecksum: Bool

    /// Iterates over the batches in the readable bytes of `bytes`.
    public init(
        _ bytes: ByteBuffer,
        maximumDecompressedSize: Int = RecordBatch.defaultMaximumDecompressedSize,
        verifiesChecksum: Bool = true
    ) {
        self.remainingBytes = bytes
        self.maximumDecompressedSize = maximumDecompressedSize
        self.verifiesChecksum = verifiesChecksum
    }

    /// Bytes at the end that do not form a complete batch (so far): 0 once iteration consumed all.
    public var trailingByteCount: Int { remainingBytes.readableBytes }

    /// The next batch, decoded; nil when no complete batch remains.
    public mutating func next() throws(RecordBatchError) -> RecordBatch? {
        guard let bytes = try nextBatchBytes() else { return nil }
        return try RecordBatch(
            decoding: bytes,
            maximumDecompressedSize: maximumDecompressedSize,
            verifyingChecksum: verifiesChecksum
        )
    }

    /// The next batch with its records located, not materialized (see `LocatedRecordBatch`); nil
    /// when no complete batch remains.
    public mutating func nextLocatedBatch() throws(RecordBatchError) -> LocatedRecordBatch? {
        guard let bytes = try nextBatchBytes() else { return nil }
        return try LocatedRecordBatch(
            decoding: bytes,
            maximumDecompressedSize: maximumDecompressedSize,
            verifyingChecksum: verifiesChecksum
        )
    }

    /// The next batch's header and its bytes (a slice, header included), without checking the CRC
    /// or decoding the records; nil when no complete batch remains.
    ///
    /// This is what a broker needs to store or serve batches as they are.
    public mutating func nextEncodedBatch() throws(RecordBatchError) -> (header: RecordBatchHeader, bytes: ByteBuffer)?
    {
        guard let bytes = try nextBatchBytes() else { return nil }
        return (try RecordBatch.completeHeader(in: bytes), bytes)
    }

    /// Slices off the next complete batch by its length; nil when only a partial one remains.
    private mutating func nextBatchBytes() throws(RecordBatchError) -> ByteBuffer? {
        let available = remainingBytes.readableBytes
        guard available >= RecordBatchHeader.logOverhead,
            let batchLength = remainingBytes.getInteger(at: remainingBytes.readerIndex + 8, as: Int32.self)
        else { return nil }
        guard Int(batchLength) >= RecordBatchHeader.size - RecordBatchHeader.logOverhead else {
            // Messages of the older formats (magic 0 and 1) may be shorter than a v2 header: skip a
            // complete one with an error naming its magic, treat a partial one as the trailing part.
            if available >= RecordBatchHeader.logOverhead + 5, batchLength >= 5,
                let magic = remainingBytes.getInteger(at: remainingBytes.readerIndex + 16, as: Int8.self), magic != 2
            {
                guard Int(batchLength) + RecordBatchHeader.logOverhead <= available else { return nil }
                remainingBytes.moveReaderIndex(forwardBy: Int(batchLength) + RecordBatchHeader.logOverhead)
                throw .unsupportedMagic(magic)
            }
            remainingBytes.moveReaderIndex(forwardBy: available)
            throw .invalidBatchLength(batchLength)
        }
        let total = Int(batchLength) + RecordBatchHeader.logOverhead
        guard total <= available else { return nil }
        let bytes = remainingBytes.readSlice(length: total)!
        if let magic = bytes.getInteger(at: bytes.readerIndex + 16, as: Int8.self), magic != 2 {
            throw .unsupportedMagic(magic)
        }
        return bytes
    }
}
