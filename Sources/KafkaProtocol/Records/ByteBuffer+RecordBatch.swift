import NIOCore

extension ByteBuffer {
    /// Reads the RecordBatch at the reader index and moves the reader index past it.
    ///
    /// On error the reader index does not move.
    public mutating func readRecordBatch(
        maximumDecompressedSize: Int = RecordBatch.defaultMaximumDecompressedSize,
        verifyingChecksum: Bool = true
    ) throws(RecordBatchError) -> RecordBatch {
        let batch = try RecordBatch(
            decoding: self,
            maximumDecompressedSize: maximumDecompressedSize,
            verifyingChecksum: verifyingChecksum
        )
        let length = getInteger(at: readerIndex + 8, as: Int32.self)!
        moveReaderIndex(forwardBy: Int(length) + RecordBatchHeader.logOverhead)
        return batch
    }
}
