import NIOCore

extension RecordBatch {
    /// Decodes the batch that starts at the reader index of `bytes`; bytes after it are ignored.
    ///
    /// Checks the magic, the length and (unless `verifyingChecksum` is false) the CRC-32C,
    /// decompresses the records into at most `maximumDecompressedSize` bytes, and parses exactly
    /// the announced number of records. Keys and values are slices of `bytes` or of the
    /// decompressed records.
    public init(
        decoding bytes: ByteBuffer,
        maximumDecompressedSize: Int = RecordBatch.defaultMaximumDecompressedSize,
        verifyingChecksum: Bool = true
    ) throws(RecordBatchError) {
        let located = try LocatedRecordBatch(
            decoding: bytes,
            maximumDecompressedSize: maximumDecompressedSize,
            verifyingChecksum: verifyingChecksum
        )
        let header = located.header
        self.init(
            baseOffset: header.baseOffset,
            partitionLeaderEpoch: header.partitionLeaderEpoch,
            attributes: header.attributes,
            baseTimestamp: header.baseTimestamp,
            maxTimestamp: header.maxTimestamp,
            producerId: header.producerId,
            producerEpoch: header.producerEpoch,
            baseSequence: header.baseSequence,
            records: located.records.map(located.record)
        )
    }

    /// The header of the batch at the reader index of `bytes`, after checking that the batch is
    /// magic 2, that its length can hold the header, and that all of it is readable.
    static func completeHeader(in bytes: ByteBuffer) throws(RecordBatchError) -> RecordBatchHeader {
        let available = bytes.readableBytes
        guard available >= RecordBatchHeader.logOverhead + 5,
            let batchLength = bytes.getInteger(at: bytes.readerIndex + 8, as: Int32.self),
            let magic = bytes.getInteger(at: bytes.readerIndex + 16, as: Int8.self)
        else {
            throw .truncated(needed: RecordBatchHeader.size, available: available)
        }
        guard magic == 2 else { throw .unsupportedMagic(magic) }
        guard Int(batchLength) >= RecordBatchHeader.size - RecordBatchHeader.logOverhead else {
            throw .invalidBatchLength(batchLength)
        }
        let total = Int(batchLength) + RecordBatchHeader.logOverhead
        guard available >= total, let header = RecordBatchHeader(from: bytes, at: bytes.readerIndex) else {
            throw .truncated(needed: total, available: available)
        }
        return header
    }
}
