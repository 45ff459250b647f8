import KafkaProtocol
import NIOCore

/// The batches of an append to a `LogAppendTime` topic, restamped: each header with the append
/// time as its max timestamp, the timestamp-type bit set and the CRC-32C recomputed. Built before
/// the partition's lock is taken, since the CRC reads every byte of the records.
struct LogAppendTimeStamping: Sendable {
    /// The stamped headers, in batch order (their base offsets are assigned later).
    var headers: [RecordBatchHeader]
    /// Bytes 8 to 61 of each stamped header (after the base offset), back to back, for the write.
    var headerBytes: [UInt8]

    /// The timestamp-type bit of a batch's attributes: set, the max timestamp is the append time.
    static let logAppendTimeAttribute: Int16 = 0x08

    init(_ validated: [BatchValidator.ValidatedBatch], from batches: ByteBuffer, now: Int64) {
        headers = []
        headerBytes = []
        headers.reserveCapacity(validated.count)
        headerBytes.reserveCapacity(validated.count * (RecordBatchHeader.size - 8))
        var scratch = ByteBufferAllocator().buffer(capacity: RecordBatchHeader.size)
        for batch in validated {
            var header = batch.header
            header.attributes.rawValue |= Self.logAppendTimeAttribute
            header.maxTimestamp = now
            scratch.clear()
            header.write(to: &scratch)
            let headerChecksum = scratch.withUnsafeReadableBytes { bytes in
                CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[RecordBatchHeader.attributesOffset...]))
            }
            header.crc = batches.withUnsafeReadableBytes { bytes in
                let start = batch.position - batches.readerIndex
                return CRC32C.checksum(
                    UnsafeRawBufferPointer(
                        rebasing: bytes[(start + RecordBatchHeader.size)..<(start + header.totalSize)]
                    ),
                    continuing: headerChecksum
                )
            }
            scratch.setInteger(header.crc, at: RecordBatchHeader.crcOffset)
            headerBytes.append(contentsOf: scratch.getBytes(at: 8, length: RecordBatchHeader.size - 8)!)
            headers.append(header)
        }
    }
}
