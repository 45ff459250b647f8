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
        let header = try Self.completeHeader(in: bytes)
        let start = bytes.readerIndex
        if verifyingChecksum {
            let computed = bytes.withUnsafeReadableBytes { all in
                CRC32C.checksum(
                    UnsafeRawBufferPointer(
                        rebasing: all[RecordBatchHeader.attributesOffset..<header.totalSize]
                    )
                )
            }
            guard computed == header.crc else { throw .checksumMismatch(stored: header.crc, computed: computed) }
        }
        guard let codec = header.attributes.compression else {
            throw .unknownCompression(attributes: header.attributes.rawValue)
        }
        guard header.recordCount >= 0 else { throw .invalidRecordCount(header.recordCount) }
        // completeHeader checked that the whole batch is readable.
        var section = bytes.getSlice(
            at: start + RecordBatchHeader.size,
            length: header.totalSize - RecordBatchHeader.size
        )!
        if codec != .none {
            do {
                section = try codec.decompress(section, maximumDecompressedSize: maximumDecompressedSize)
            } catch {
                throw .compression(error)
            }
        }
        self.init(
            baseOffset: header.baseOffset,
            partitionLeaderEpoch: header.partitionLeaderEpoch,
            attributes: header.attributes,
            baseTimestamp: header.baseTimestamp,
            maxTimestamp: header.maxTimestamp,
            producerId: header.producerId,
            producerEpoch: header.producerEpoch,
            baseSequence: header.baseSequence,
            records: try Self.decodeRecords(in: section, count: Int(header.recordCount))
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

    /// Parses `count` records that fill the readable bytes of `section` exactly.
    static func decodeRecords(in section: ByteBuffer, count: Int) throws(RecordBatchError) -> [Record] {
        try section.withUnsafeReadableBytes { bytes throws(RecordBatchError) in
            // The smallest record takes 7 bytes, which bounds what a forged count can reserve.
            let largestPossibleCount = bytes.count / 7
            guard count <= largestPossibleCount else {
                throw .malformedRecord(
                    index: largestPossibleCount,
                    reason: "the batch announces \(count) records but \(bytes.count) bytes hold at most "
                        + "\(largestPossibleCount)"
                )
            }
            var records: [Record] = []
            records.reserveCapacity(count)
            var reader = UnsafeByteReader(bytes)
            for index in 0..<count {
                do throws(RecordParseFailure) {
                    records.append(try reader.readRecord(slicing: section))
                } catch {
                    throw .malformedRecord(index: index, reason: error.reason)
                }
            }
            guard reader.isAtEnd else { throw .trailingBytes(count: reader.remaining) }
            return records
        }
    }
}
