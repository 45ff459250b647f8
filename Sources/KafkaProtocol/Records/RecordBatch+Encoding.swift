import NIOCore

extension RecordBatch {
    /// The size in bytes of the header that precedes the records, up to and including `recordCount`.
    static let headerLength = RecordBatchHeader.size

    /// Encodes the batch at the writer index of `buffer`, compressed with the codec its
    /// `attributes` name.
    ///
    /// See ``encode(into:compression:)``.
    public func encode(into buffer: inout ByteBuffer) throws(RecordBatchError) {
        guard let codec = attributes.compression else {
            throw .unknownCompression(attributes: attributes.rawValue)
        }
        try encode(into: &buffer, compression: codec)
    }

    /// Encodes the batch at the writer index of `buffer`, compressing the records with `codec`
    /// (which replaces the codec bits of `attributes`).
    ///
    /// Computes `batchLength`, `lastOffsetDelta` (the largest record offset delta), the record
    /// count, `maxTimestamp` (unless the batch uses log-append time) and the CRC-32C over
    /// attributes to the end. On error `buffer` is left as it was.
    public func encode(into buffer: inout ByteBuffer, compression codec: CompressionCodec) throws(RecordBatchError) {
        var recordsLength = 0
        var lastOffsetDelta: Int32 = 0
        var largestTimestampDelta: Int64? = nil
        for record in records {
            recordsLength += Record.encodedLength(ofBody: record.encodedBodyLength)
            if record.offsetDelta > lastOffsetDelta { lastOffsetDelta = record.offsetDelta }
            if record.timestampDelta > largestTimestampDelta ?? .min { largestTimestampDelta = record.timestampDelta }
        }
        let largestBodyLength = Int(Int32.max) - (Self.headerLength - RecordBatchHeader.logOverhead)
        guard recordsLength <= largestBodyLength, records.count <= Int(Int32.max) else {
            throw .batchTooLarge(size: Self.headerLength + recordsLength)
        }
        var attributes = self.attributes
        attributes.rawValue = (attributes.rawValue & ~0x07) | Int16(codec.rawValue)
        let computedMaxTimestamp =
            attributes.usesLogAppendTime ? maxTimestamp : baseTimestamp &+ (largestTimestampDelta ?? 0)

        let start = buffer.writerIndex
        var header = RecordBatchHeader(
            baseOffset: baseOffset,
            batchLength: Int32(Self.headerLength - RecordBatchHeader.logOverhead + recordsLength),
            partitionLeaderEpoch: partitionLeaderEpoch,
            attributes: attributes,
            lastOffsetDelta: lastOffsetDelta,
            baseTimestamp: baseTimestamp,
            maxTimestamp: computedMaxTimestamp,
            producerId: producerId,
            producerEpoch: producerEpoch,
            baseSequence: baseSequence,
            recordCount: Int32(records.count)
        )
        if codec == .none {
            buffer.reserveCapacity(minimumWritableBytes: Self.headerLength + recordsLength)
            header.write(to: &buffer)
            writeRecords(into: &buffer, length: recordsLength)
        } else {
            var plain = ByteBufferAllocator().buffer(capacity: recordsLength)
            writeRecords(into: &plain, length: recordsLength)
            buffer.reserveCapacity(minimumWritableBytes: Self.headerLength + recordsLength / 2)
            header.write(to: &buffer)
            do {
                try codec.compress(plain, into: &buffer)
            } catch {
                buffer.moveWriterIndex(to: start)
                throw .compression(error)
            }
            let totalLength = buffer.writerIndex - start
            guard totalLength - RecordBatchHeader.logOverhead <= Int(Int32.max) else {
                buffer.moveWriterIndex(to: start)
                throw .batchTooLarge(size: totalLength)
            }
            header.batchLength = Int32(totalLength - RecordBatchHeader.logOverhead)
            buffer.setInteger(header.batchLength, at: start + 8)
        }
        let checksum = buffer.withUnsafeReadableBytes { bytes in
            let offset = start - buffer.readerIndex + RecordBatchHeader.attributesOffset
            return CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        }
        buffer.setInteger(checksum, at: start + RecordBatchHeader.crcOffset)
    }

    /// Writes every record back to back; `length` is their total encoded size.
    private func writeRecords(into buffer: inout ByteBuffer, length: Int) {
        guard length > 0 else { return }
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { pointer in
            let base = pointer.baseAddress!
            var position = 0
            for record in records {
                position += record.store(at: base + position, bodyLength: record.encodedBodyLength)
            }
            return position
        }
    }
}
