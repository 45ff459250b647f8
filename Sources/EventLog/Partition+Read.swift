import KafkaProtocol
import NIOCore

extension Partition {
    /// Where a read will find its bytes, captured under the lock and used after it.
    private struct ReadPlan {
        var segment: LogSegment
        var position: Int
        var highWatermark: Int64
        var logStartOffset: Int64
    }

    /// What a read finds under the lock: bytes to read, nothing (at the log end), or a segment
    /// to verify first.
    private enum ReadLookup {
        case plan(ReadPlan)
        case atEnd
        case unverified(LogSegment)
    }

    /// Reads whole batches starting with the one that contains `offset`.
    ///
    /// Returns about `maxBytes` of complete batches from one segment, but always at least one batch
    /// even if it is larger. Reading at the log end offset returns no records; outside
    /// `[earliestOffset, latestOffset]` throws `offsetOutOfRange`. Damaged stretches of a segment
    /// are skipped: a read from an offset lost in one starts at the first readable batch after it.
    /// The first read of a segment not checked since start checks it (CRC and framing) first.
    public func read(from offset: Int64, maxBytes: Int) throws(EventLogError) -> ReadResult {
        try read(from: offset, maxBytes: maxBytes, atLeastOneBatch: true)
    }

    /// Reads as `read(from:maxBytes:)` does; with `atLeastOneBatch` false, a first batch larger than
    /// `maxBytes` is not returned either (a Fetch's later partitions, once an earlier one returned
    /// data, as Kafka's `fetch.max.bytes` rule has it).
    public func read(from offset: Int64, maxBytes: Int, atLeastOneBatch: Bool) throws(EventLogError) -> ReadResult {
        var lookup = try lookUp(offset)
        while case .unverified(let segment) = lookup {
            try verify(segment)
            lookup = try lookUp(offset)
        }
        guard case .plan(let plan) = lookup else {
            return ReadResult(
                records: allocator.buffer(capacity: 0),
                highWatermark: latestOffset,
                logStartOffset: earliestOffset
            )
        }

        let segment = plan.segment
        var walker = HeaderWalker(file: segment.file, end: segment.size, blockSize: 8_192)
        var position = plan.position
        var first: RecordBatchHeader?
        while let header = try walker.header(at: position) {
            try Self.checkLength(of: header, in: segment.file)
            if header.lastOffset >= offset {
                first = header
                break
            }
            position = segment.readablePosition(from: position + header.totalSize)
        }
        guard let first else {
            // The offset index promised a batch that is not there: the segment is not what we wrote.
            throw .corruptMessage("no batch holds offset \(offset) in \(segment.file.path)")
        }

        guard atLeastOneBatch || first.totalSize <= maxBytes else {
            return ReadResult(
                records: allocator.buffer(capacity: 0),
                highWatermark: plan.highWatermark,
                logStartOffset: plan.logStartOffset
            )
        }
        let count = min(max(first.totalSize, maxBytes), segment.readableEnd(from: position) - position)
        var records = try segment.file.read(at: position, count: count, allocator: allocator)
        records.moveWriterIndex(to: Self.wholeBatchesLength(of: records))
        return ReadResult(records: records, highWatermark: plan.highWatermark, logStartOffset: plan.logStartOffset)
    }

    private func lookUp(_ requested: Int64) throws(EventLogError) -> ReadLookup {
        try state.withLock { state throws(EventLogError) -> ReadLookup in
            try state.ensureOpen()
            if requested == state.logEndOffset { return .atEnd }
            guard requested >= state.logStartOffset, requested < state.logEndOffset else {
                throw .offsetOutOfRange(
                    requested: requested,
                    logStartOffset: state.logStartOffset,
                    logEndOffset: state.logEndOffset
                )
            }
            var offset = requested
            var index = Self.segmentIndex(containing: offset, in: state.segments)
            while true {
                let segment = state.segments[index]
                if !segment.isVerified { return .unverified(segment) }
                if let damage = segment.damagedRanges.first(where: { $0.offsets.contains(offset) }) {
                    offset = damage.offsets.upperBound
                }
                if offset < segment.nextOffset {
                    let indexed = segment.offsetIndex.position(atOrBefore: UInt32(offset - segment.baseOffset))
                    let plan = ReadPlan(
                        segment: segment,
                        position: segment.readablePosition(from: indexed),
                        highWatermark: state.logEndOffset,
                        logStartOffset: state.logStartOffset
                    )
                    return .plan(plan)
                }
                // The rest of this segment is damaged: the next one holds the next readable batch.
                guard index + 1 < state.segments.count else { return .atEnd }
                index += 1
                offset = state.segments[index].baseOffset
            }
        }
    }

    /// Checks the CRC and framing of every batch of a segment trusted from its index files, once
    /// after start; damage found is recorded for readers to skip and logged once.
    private func verify(_ unverified: LogSegment) throws(EventLogError) {
        var checked = LogSegment(baseOffset: unverified.baseOffset, file: unverified.file, createdAt: 0)
        var producers = ProducerStateTable()
        let scan = try Self.scan(
            &checked,
            producers: &producers,
            verifyChecksums: true,
            endOffset: unverified.nextOffset,
            indexIntervalBytes: indexIntervalBytes
        )
        Self.markDamagedTail(of: scan, in: &checked, endOffset: unverified.nextOffset)
        let isFirst = state.withLock { state -> Bool in
            guard
                let index = state.segments.firstIndex(where: { $0.file === unverified.file }),
                !state.segments[index].isVerified
            else { return false }
            state.segments[index].damagedRanges = checked.damagedRanges
            state.segments[index].isVerified = true
            return true
        }
        guard isFirst else { return }
        for damage in checked.damagedRanges {
            Self.logDamage(damage, in: unverified.file, of: topicPartition, logger: logger)
        }
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
                segment: segment,
                position: segment.readablePosition(from: segment.offsetIndex.position(atOrBefore: start)),
                highWatermark: state.logEndOffset,
                logStartOffset: state.logStartOffset
            )
        }
        guard let plan else { return nil }
        let segment = plan.segment
        var walker = HeaderWalker(file: segment.file, end: segment.size)
        var position = plan.position
        while let header = try walker.header(at: position) {
            try Self.checkLength(of: header, in: segment.file)
            if header.maxTimestamp >= timestamp {
                let offset = try firstOffset(in: header, at: position, of: segment.file, atOrAfter: timestamp)
                return max(offset, plan.logStartOffset)
            }
            position = segment.readablePosition(from: position + header.totalSize)
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
