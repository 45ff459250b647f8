import Glibc
import KafkaProtocol
import NIOCore

extension Partition {
    /// The file in the partition directory holding the first offset not compacted yet.
    static let cleanerCheckpointFileName = "cleaner-offset-checkpoint"

    /// The points of a segment swap after which a crash leaves a distinct state on disk.
    public enum CompactionStep: Sendable, Hashable {
        /// The cleaned copy is written and fsynced as `BASE.log.cleaned`: a crash discards it.
        case cleanedWritten
        /// Renamed to `BASE.log.swap`: from here a crash completes the swap at start-up.
        case swapRenamed
        /// The old segment's index files are gone (they would not match the cleaned log).
        case oldIndexesRemoved
        /// The cleaned copy replaced `BASE.log`.
        case swapped
        /// The pass is over and its checkpoint written.
        case checkpointWritten
    }

    /// One pass of Kafka's log cleaner over this partition, for `cleanup.policy` `compact` or
    /// `compact,delete`; nil when the policy does not compact or nothing is due.
    ///
    /// Only closed segments are cleaned, and only those whose newest record is older than
    /// `min.compaction.lag.ms`. A pass is due when the share of those bytes written since the last
    /// pass reaches `min.cleanable.dirty.ratio`, when they waited longer than
    /// `max.compaction.lag.ms`, when a tombstone's delete horizon has passed, or with `force`.
    /// Each record whose key appears again later in the cleaned range is dropped, as are records
    /// without a key; a tombstone is kept, and stamped with a delete horizon `delete.retention.ms`
    /// ahead, until a pass after that horizon drops it. Offsets never change: every batch keeps its
    /// base and last offset, empty if none of its records is left. Transactional and control
    /// batches are left as they are.
    ///
    /// Appends and reads go on meanwhile: each segment is rewritten aside (`BASE.log.cleaned`),
    /// renamed to `BASE.log.swap` once durable, then over `BASE.log`; start-up discards a
    /// `.cleaned` file and completes a `.swap`, so a crash at any point leaves the old segment or
    /// the cleaned one. Readers of the old file finish on it.
    @discardableResult
    public func compact(now: Int64? = nil, force: Bool = false) throws(EventLogError) -> CompactionResult? {
        try compact(now: now ?? Self.currentTimeMilliseconds(), force: force, afterStep: nil)
    }

    /// `compact(now:force:)` with a hook called after each step of a segment swap, so that crash
    /// tests can copy the directory as a crash would leave it at that point.
    public func compact(
        now: Int64,
        force: Bool,
        afterStep: ((CompactionStep) -> Void)?
    ) throws(EventLogError) -> CompactionResult? {
        let configuration = configuration
        guard configuration.cleanupPolicy.compacts else { return nil }
        return try maintenanceLock.withLock { _ throws(EventLogError) -> CompactionResult? in
            guard let plan = try planCompaction(now: now, configuration: configuration, force: force) else {
                return nil
            }
            return try run(plan, now: now, configuration: configuration, afterStep: afterStep)
        }
    }

    /// The closed segments a pass cleans and where their dirty part starts.
    private struct CompactionPlan {
        var segments: [LogSegment]
        var firstDirtyOffset: Int64
    }

    private func planCompaction(
        now: Int64,
        configuration: TopicConfiguration,
        force: Bool
    ) throws(EventLogError) -> CompactionPlan? {
        try state.withLock { state throws(EventLogError) -> CompactionPlan? in
            try state.ensureOpen()
            var cleanable: [LogSegment] = []
            for segment in state.segments.dropLast() {
                // Damaged segments are left as recovery found them; so is everything after one.
                guard segment.damagedRanges.isEmpty,
                    Self.newestTimestamp(of: segment, now: now) <= now - configuration.minCompactionLagMilliseconds
                else { break }
                cleanable.append(segment)
            }
            let firstDirty = max(state.firstDirtyOffset, state.logStartOffset)
            let dirty = cleanable.filter { $0.nextOffset > firstDirty }
            let totalBytes = cleanable.reduce(0) { $0 + $1.size }
            guard totalBytes > 0 else { return nil }
            let dirtyBytes = dirty.reduce(0) { $0 + $1.size }
            let ratio = Double(dirtyBytes) / Double(totalBytes)
            let overdue = dirty.first.map { now - $0.createdAt > configuration.maxCompactionLagMilliseconds } ?? false
            let horizonPassed = state.pendingDeleteHorizon.map { $0 <= now } ?? false
            guard force || horizonPassed || overdue || (!dirty.isEmpty && ratio >= configuration.minCleanableDirtyRatio)
            else { return nil }
            return CompactionPlan(segments: cleanable, firstDirtyOffset: firstDirty)
        }
    }

    private func run(
        _ plan: CompactionPlan,
        now: Int64,
        configuration: TopicConfiguration,
        afterStep: ((CompactionStep) -> Void)?
    ) throws(EventLogError) -> CompactionResult {
        // The latest offset of every key in the dirty part; keys are copied out of the segments.
        // Once `cleanerMaximumKeys` are held, the pass ends with the last segment read whole.
        var latest: [[UInt8]: Int64] = [:]
        var segments = plan.segments
        for (index, segment) in plan.segments.enumerated() where segment.nextOffset > plan.firstDirtyOffset {
            if latest.count >= cleanerMaximumKeys {
                segments = Array(plan.segments[..<index])
                break
            }
            try Self.forEachBatch(in: segment) { header, bytes throws(EventLogError) in
                guard !header.attributes.isControl, !header.attributes.isTransactional else { return }
                let located: LocatedRecordBatch
                do {
                    located = try LocatedRecordBatch(decoding: bytes)
                } catch {
                    throw .corruptMessage("the cleaner could not read a batch of \(segment.file.path): \(error)")
                }
                for record in located.records {
                    guard let key = record.key else { continue }
                    latest[located.withUnsafeBytes(of: key) { Array($0) }] = located.offset(of: record)
                }
            }
        }

        var result = CompactionResult(
            segmentsCleaned: 0,
            recordsRemoved: 0,
            bytesBefore: 0,
            bytesAfter: 0,
            firstDirtyOffset: segments.last?.nextOffset ?? plan.firstDirtyOffset
        )
        var pendingHorizon: Int64?
        let horizon = now &+ configuration.deleteRetentionMilliseconds
        for segment in segments {
            let logPath = LogSegment.path(directory: directory, baseOffset: segment.baseOffset, extension: "log")
            let cleanedPath = logPath + ".cleaned"
            try FileSystem.remove(cleanedPath)
            let cleaned = try SegmentFile(path: cleanedPath, create: true, pool: filePool)
            var output = allocator.buffer(capacity: 1 << 20)
            var written = 0
            var removed = 0
            func flush() throws(EventLogError) {
                guard output.readableBytes > 0 else { return }
                try Self.write(output, to: cleaned, at: written)
                written += output.readableBytes
                output.clear()
            }
            try Self.forEachBatch(in: segment) { header, bytes throws(EventLogError) in
                var batch = bytes
                if !header.attributes.isControl, !header.attributes.isTransactional {
                    let outcome = try CompactedBatch.filter(bytes, horizon: horizon) { batch, record in
                        guard let key = record.key else { return false }
                        let offset = batch.offset(of: record)
                        let keyBytes = key.withUnsafeReadableBytes { Array($0) }
                        if let newest = latest[keyBytes], newest > offset { return false }
                        if record.value == nil, batch.attributes.rawValue & CompactedBatch.deleteHorizonAttribute != 0,
                            batch.baseTimestamp <= now
                        {
                            return false
                        }
                        return true
                    }
                    if case .rewritten(let rewritten, let count, let keptTombstones) = outcome {
                        batch = rewritten
                        removed += count
                        if keptTombstones { pendingHorizon = min(pendingHorizon ?? horizon, horizon) }
                    } else if header.attributes.rawValue & CompactedBatch.deleteHorizonAttribute != 0 {
                        pendingHorizon = min(pendingHorizon ?? header.baseTimestamp, header.baseTimestamp)
                    }
                }
                output.writeImmutableBuffer(batch)
                if output.readableBytes >= 1 << 20 { try flush() }
            }
            try flush()
            guard written != segment.size || removed > 0 || pendingHorizon != nil else {
                // Nothing to drop and no tombstone to stamp: the segment stays as it is.
                try FileSystem.remove(cleanedPath)
                continue
            }
            try cleaned.synchronize()
            afterStep?(.cleanedWritten)
            try swap(segment, cleanedPath: cleanedPath, afterStep: afterStep)
            result.segmentsCleaned += 1
            result.recordsRemoved += removed
            result.bytesBefore += segment.size
            result.bytesAfter += written
        }

        try FileSystem.writeAtomically(
            Array("\(result.firstDirtyOffset)\n".utf8),
            to: directory + "/" + Self.cleanerCheckpointFileName,
            synchronize: true
        )
        try state.withLock { state throws(EventLogError) in
            try state.ensureOpen()
            state.firstDirtyOffset = max(state.firstDirtyOffset, result.firstDirtyOffset)
            state.pendingDeleteHorizon = pendingHorizon
        }
        afterStep?(.checkpointWritten)
        logger.info(
            "compacted a partition",
            metadata: [
                "partition": "\(topicPartition)", "segments": "\(result.segmentsCleaned)",
                "recordsRemoved": "\(result.recordsRemoved)", "bytesBefore": "\(result.bytesBefore)",
                "bytesAfter": "\(result.bytesAfter)",
            ]
        )
        return result
    }

    /// Puts the durable cleaned copy of `segment` in its place, on disk and then in memory.
    private func swap(
        _ segment: LogSegment,
        cleanedPath: String,
        afterStep: ((CompactionStep) -> Void)?
    ) throws(EventLogError) {
        let logPath = LogSegment.path(directory: directory, baseOffset: segment.baseOffset, extension: "log")
        try FileSystem.rename(cleanedPath, to: logPath + ".swap")
        try FileSystem.synchronizeDirectory(directory)
        afterStep?(.swapRenamed)
        // Readers still on the old file keep its descriptor once the name points at the new one.
        segment.file.pinBeforeRemoval()
        try Self.removeIndexFiles(baseOffset: segment.baseOffset, directory: directory)
        afterStep?(.oldIndexesRemoved)
        try FileSystem.rename(logPath + ".swap", to: logPath)
        try FileSystem.synchronizeDirectory(directory)
        afterStep?(.swapped)

        var replacement = LogSegment(
            baseOffset: segment.baseOffset,
            file: try SegmentFile(path: logPath, create: false, pool: filePool),
            createdAt: segment.createdAt
        )
        var producers = ProducerStateTable()
        _ = try Self.scan(
            &replacement,
            producers: &producers,
            verifyChecksums: false,
            endOffset: segment.nextOffset,
            indexIntervalBytes: indexIntervalBytes
        )
        replacement.createdAt = segment.createdAt
        for path in try replacement.writeIndexes(directory: directory) { flusher.markDirty(path: path) }
        try state.withLock { state throws(EventLogError) in
            try state.ensureOpen()
            guard let index = state.segments.firstIndex(where: { $0.file === segment.file }) else { return }
            state.segments[index] = replacement
        }
    }

    /// Calls `body` with each whole batch of a closed segment, read a mebibyte at a time.
    static func forEachBatch(
        in segment: LogSegment,
        _ body: (RecordBatchHeader, ByteBuffer) throws(EventLogError) -> Void
    ) throws(EventLogError) {
        let allocator = ByteBufferAllocator()
        var position = 0
        while position < segment.size {
            let chunk = try segment.file.read(
                at: position,
                count: min(1 << 20, segment.size - position),
                allocator: allocator
            )
            var consumed = 0
            while let header = RecordBatchHeader(from: chunk, at: consumed),
                header.totalSize <= chunk.writerIndex - consumed
            {
                try checkLength(of: header, in: segment.file)
                try body(header, chunk.getSlice(at: consumed, length: header.totalSize)!)
                consumed += header.totalSize
            }
            if consumed == 0 {
                // One batch larger than the chunk: read it whole.
                guard let header = RecordBatchHeader(from: chunk, at: 0) else {
                    throw .corruptMessage("torn batch at \(position) in \(segment.file.path)")
                }
                try checkLength(of: header, in: segment.file)
                let whole = try segment.file.read(at: position, count: header.totalSize, allocator: allocator)
                guard whole.readableBytes == header.totalSize else {
                    throw .corruptMessage("torn batch at \(position) in \(segment.file.path)")
                }
                try body(header, whole)
                consumed = header.totalSize
            }
            position += consumed
        }
    }

    /// Writes all of `buffer` at `position` of `file`.
    private static func write(_ buffer: ByteBuffer, to file: SegmentFile, at position: Int) throws(EventLogError) {
        let failure = buffer.withUnsafeReadableBytes { bytes -> EventLogError? in
            var vectors = [iovec(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress!), iov_len: bytes.count)]
            do throws(EventLogError) {
                try file.write(&vectors, at: position)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Removes a segment's `.index` and `.timeindex` files.
    static func removeIndexFiles(baseOffset: Int64, directory: String) throws(EventLogError) {
        for fileExtension in ["index", "timeindex"] {
            try FileSystem.remove(
                LogSegment.path(directory: directory, baseOffset: baseOffset, extension: fileExtension)
            )
        }
    }

    /// Finishes or discards what a crash left of a cleaner's swap, before the segments are listed:
    /// a `.cleaned` file was never committed and goes; a `.swap` file was, and replaces its log.
    static func recoverCompaction(in directory: String) throws(EventLogError) {
        for name in try FileSystem.contents(of: directory) {
            let path = directory + "/" + name
            if name.hasSuffix(".log.cleaned") {
                try FileSystem.remove(path)
            } else if name.hasSuffix(".log.swap"), let baseOffset = Int64(name.dropLast(".log.swap".count)) {
                try removeIndexFiles(baseOffset: baseOffset, directory: directory)
                try FileSystem.rename(
                    path,
                    to: LogSegment.path(directory: directory, baseOffset: baseOffset, extension: "log")
                )
                try FileSystem.synchronizeDirectory(directory)
            }
        }
    }

    /// The first dirty offset the last pass of the cleaner left in `directory`; 0 if none.
    static func storedFirstDirtyOffset(in directory: String) throws(EventLogError) -> Int64 {
        guard let bytes = try FileSystem.read(directory + "/" + cleanerCheckpointFileName) else { return 0 }
        return Int64(String(decoding: bytes, as: UTF8.self).trimmingWhitespace) ?? 0
    }
}
