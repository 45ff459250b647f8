import KafkaProtocol
import NIOCore

/// Rewrites one stored batch for the log cleaner, as Kafka's `MemoryRecords.filterTo` does: the
/// records kept keep their offsets, the batch keeps its base offset, last offset, producer fields
/// and codec, and a batch left with no record stays as an empty batch, so the offsets of a segment
/// still run batch after batch without gaps.
enum CompactedBatch {
    /// The attributes bit saying the base timestamp holds the tombstones' delete horizon (KIP-534).
    static let deleteHorizonAttribute: Int16 = 0x40

    /// Byte offset of `lastOffsetDelta` in a batch.
    static let lastOffsetDeltaOffset = 23

    /// What the cleaner decided for a batch.
    enum Outcome {
        /// Kept byte for byte.
        case unchanged
        /// Rewritten without `removed` records.
        case rewritten(ByteBuffer, removed: Int, keptTombstones: Bool)
    }

    /// Keeps the records of `bytes` (one whole batch) that `keep` accepts; tombstones kept get the
    /// delete horizon `horizon` unless the batch has one already.
    static func filter(
        _ bytes: ByteBuffer,
        horizon: Int64,
        keep: (RecordBatch, Record) -> Bool
    ) throws(EventLogError) -> Outcome {
        let batch: RecordBatch
        do {
            batch = try RecordBatch(decoding: bytes)
        } catch {
            throw .corruptMessage("the cleaner could not read a batch: \(error)")
        }
        let kept = batch.records.filter { keep(batch, $0) }
        let keptTombstones = kept.contains { $0.value == nil }
        let hasHorizon = batch.attributes.rawValue & deleteHorizonAttribute != 0
        let needsHorizon = keptTombstones && !hasHorizon
        guard kept.count < batch.records.count || needsHorizon else { return .unchanged }

        var rewritten = batch
        if needsHorizon {
            // Record timestamps are deltas from the base timestamp, which now holds the horizon.
            rewritten.attributes.rawValue |= deleteHorizonAttribute
            rewritten.baseTimestamp = horizon
            rewritten.records = kept.map { record in
                var record = record
                record.timestampDelta = batch.baseTimestamp &+ record.timestampDelta &- horizon
                return record
            }
        } else {
            rewritten.records = kept
        }
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.readableBytes)
        do {
            try rewritten.encode(
                into: &buffer,
                compression: kept.isEmpty ? .none : batch.attributes.compression ?? .none
            )
        } catch {
            throw .corruptMessage("the cleaner could not write a batch: \(error)")
        }
        // The original last offset stays, so the next batch still follows it, and so does the max
        // timestamp, which the time index and retention have seen.
        let header = RecordBatchHeader(from: bytes, at: bytes.readerIndex)!
        buffer.setInteger(header.lastOffsetDelta, at: Self.lastOffsetDeltaOffset)
        buffer.setInteger(header.maxTimestamp, at: RecordBatchHeader.maxTimestampOffset)
        let checksum = buffer.withUnsafeReadableBytes { all in
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[RecordBatchHeader.attributesOffset...]))
        }
        buffer.setInteger(checksum, at: RecordBatchHeader.crcOffset)
        return .rewritten(buffer, removed: batch.records.count - kept.count, keptTombstones: keptTombstones)
    }
}
