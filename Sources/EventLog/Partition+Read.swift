import KafkaProtocol
import NIOCore

extension Partition {
    /// Where a read will find its bytes, captured under the lock and used after it.
    private struct ReadPlan {
        var file: SegmentFile
        var position: Int
        var end: Int
        var highWatermark: Int64
        var logStartOffset: Int64
    }

    /// Reads whole batches starting with the one that contains `offset`.
    ///
    /// Returns about `maxBytes` of complete batches from one segment, but always at least one batch
    /// even if it is larger. Reading at the log end offset returns no records; outside
    /// `[earliestOffset, latestOffset]` throws `offsetOutOfRange`.
    public func read(from offset: Int64, maxBytes: Int) throws(EventLogError) -> ReadResult {
        let plan = try state.withLock { state throws(EventLogError) -> ReadPlan? in
            try state.ensureOpen()
            if offset == state.logEndOffset { return nil }
            guard offset >= state.logStartOffset, offset < state.logEndOffset else {
                throw .offsetOutOfRange(
                    requested: offset,
                    logStartOffset: state.logStartOffset,
                    logEndOffset: state.logEndOffset
                )
            }
            let segment = state.segments[Self.segmentIndex(containing: offset, in: state.segments)]
            return ReadPlan(
                file: segment.file,
                position: segment.offsetIndex.position(atOrBefore: UInt32(offset - segment.baseOffset)),
                end: segment.size,
                highWatermark: state.logEndOffset,
                logStartOffset: state.logStartOffset
            )
        }
        guard let plan else {
            return ReadResult(
                records: allocator.buffer(capacity: 0),
                highWatermark: latestOffset,
                logStartOffset: earliestOffset
            )
        }

        var walker = HeaderWalker(file: plan.file, end: plan.end, blockSize: 8_192)
        var position = plan.position
        var first: RecordBatchHeader?
        while let header = try walker.header(at: position) {
            try Self.checkLength(of: header, in: plan.file)
            if header.lastOffset >= offset {
                first = header
                break
            }
            position += header.totalSize
        }
        guard let first else {
            // The offset index promised a batch that is not there: the segment is not what we wrote.
            throw .corruptMessage("no batch holds offset \(offset) in \(plan.file.path)")
        }

        let count = min(max(first.totalSize, maxBytes), plan.end - position)
        var records = try plan.file.read(at: position, count: count, allocator: allocator)
        records.moveWriterIndex(to: Self.wholeBatchesLength(of: records))
        return ReadResult(records: records, highWatermark: plan.highWatermark, logStartOffset: plan.logStartOffset)
    }

    /// Length of the complete batches at the start of `buffer`.
    static func wholeBatchesLength(of buffer: ByteBuffer) -> Int {
        var length = 0
        while let batchLength = buffer.getInteger(at: length + 8, as: Int32.self) {
            let total = Int(batchLength) + RecordBatchHeader.logOverhead
            guard total >= RecordBatchHeader.size, length + total <= buffer.writerIndex else { break }
            length += total
        }
        return length
    }

    /// Guards the walks over stored batches against a length damaged on disk after validation.
    static func checkLength(of header: RecordBatchHeader, in file: SegmentFile) throws(EventLogError) {
        guard header.totalSize >= RecordBatchHeader.size else {
            throw .corruptMessage("stored batch length \(header.batchLength) in \(file.path)")
        }
    }

    /// Index of the last segment whose base offset is at or before `offset`.
    static func segmentIndex(containing offset: Int64, in segments: [LogSegment]) -> Int {
        var low = 0
        var high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].baseOffset <= offset { low = middle + 1 } else { high = middle }
        }
        return max(0, low - 1)
    }

    /// The first offset whose batch has a max timestamp at or after `timestamp`; nil if none has.
    ///
    /// This is ListOffsets by time: the time index finds the first batch whose max timestamp is at
    /// or after `timestamp`, and the answer is the offset of its first record stamped at or after
    /// it (the batch's base offset if its records cannot be decoded), never below the log start.
    public func offset(forTimestamp timestamp: Int64) throws(EventLogError) -> Int64? {
        let plan = try state.withLock { state throws(EventLogError) -> ReadPlan? in
            try state.ensureOpen()
            guard let segment = state.segments.first(where: { $0.maxTimestamp >= timestamp }) else { return nil }
            let start = segment.timeIndex.searchStart(for: timestamp)
            return ReadPlan(
                file: segment.file,
                position: segment.offsetIndex.position(atOrBefore: start),
                end: segment.size,
                highWatermark: state.logEndOffset,
                logStartOffset: state.logStartOffset
            )
        }
        guard let plan else { return nil }
        var walker = HeaderWalker(file: plan.file, end: plan.end)
        var position = plan.position
        while let header = try walker.header(at: position) {
            try Self.checkLength(of: header, in: plan.file)
            if header.maxTimestamp >= timestamp {
                let offset = try firstOffset(in: header, at: position, of: plan.file, atOrAfter: timestamp)
                return max(offset, plan.logStartOffset)
            }
            position += header.totalSize
        }
        return nil
    }

    /// The offset of the first record of a batch stamped at or after `timestamp`, as Kafka answers
    /// ListOffsets; the batch's base offset when its records cannot be decoded.
    private func firstOffset(
        in header: RecordBatchHeader,
        at position: Int,
        of file: SegmentFile,
        atOrAfter timestamp: Int64
    ) throws(EventLogError) -> Int64 {
        guard header.baseTimestamp < timestamp, !header.attributes.usesLogAppendTime else { return header.baseOffset }
        let bytes = try file.read(at: position, count: header.totalSize, allocator: allocator)
        guard let batch = try? RecordBatch(decoding: bytes, verifyingChecksum: false),
            let record = batch.records.first(where: { batch.timestamp(of: $0) >= timestamp })
        else { return header.baseOffset }
        return batch.offset(of: record)
    }
}
