import KafkaProtocol
import Logging
import NIOCore

extension Partition {
    /// Opens the partition in `directory`, creating its first segment if it has none.
    ///
    /// After a clean shutdown, closed segments are taken from their index files (their CRCs are
    /// checked on first read) and the producer state from its snapshot; only the last segment is
    /// walked, with every batch's CRC checked. After an unclean shutdown every segment is walked
    /// and checked, rebuilding indexes and producer state. Damage followed by readable batches is
    /// kept as a damaged range that readers skip, so no readable acknowledged record is lost; the
    /// last segment is cut at damage that runs to its end (a torn write). Either is logged.
    static func open(
        topicPartition: TopicPartition,
        configuration: TopicConfiguration,
        directory: String,
        cleanShutdown: Bool,
        environment: PartitionEnvironment
    ) throws(EventLogError) -> Partition {
        let logger = environment.logger
        try FileSystem.makeDirectory(directory)
        try recoverCompaction(in: directory)
        var baseOffsets: [Int64] = []
        for name in try FileSystem.contents(of: directory) {
            if name.hasSuffix(".tmp") {
                try FileSystem.remove(directory + "/" + name)
            } else if name.hasSuffix(".log"), let baseOffset = Int64(name.dropLast(4)) {
                baseOffsets.append(baseOffset)
            }
        }
        baseOffsets.sort()
        let now = currentTimeMilliseconds()
        let snapshot = cleanShutdown ? ProducerStateSnapshot.load(directory: directory) : nil

        var segments: [LogSegment] = []
        var walkedProducers = ProducerStateTable()
        var walkedEverySegment = true
        var expectedOffset = baseOffsets.first ?? 0
        for (number, baseOffset) in baseOffsets.enumerated() {
            let path = LogSegment.path(directory: directory, baseOffset: baseOffset, extension: "log")
            let file = try SegmentFile(path: path, create: false, pool: environment.filePool)
            let nextBaseOffset = number + 1 < baseOffsets.count ? baseOffsets[number + 1] : nil
            if baseOffset != expectedOffset {
                // A gap or overlap means an earlier segment was cut: what follows cannot be trusted.
                logger.error(
                    "recovery removed a segment that does not continue the log",
                    metadata: [
                        "partition": "\(topicPartition)", "file": "\(path)",
                        "expectedBaseOffset": "\(expectedOffset)",
                    ]
                )
                LogSegment(baseOffset: baseOffset, file: file, createdAt: now).removeFiles(directory: directory)
                continue
            }
            var segment = LogSegment(baseOffset: baseOffset, file: file, createdAt: now)
            if let nextBaseOffset, cleanShutdown,
                try segment.loadIndexes(directory: directory, endOffset: nextBaseOffset)
            {
                segment.isVerified = false
                walkedEverySegment = false
            } else {
                let verifyChecksums = nextBaseOffset == nil || !cleanShutdown
                let scan = try scan(
                    &segment,
                    producers: &walkedProducers,
                    verifyChecksums: verifyChecksums,
                    endOffset: nextBaseOffset,
                    indexIntervalBytes: environment.indexIntervalBytes
                )
                segment.isVerified = verifyChecksums
                try settle(
                    scan,
                    of: &segment,
                    endOffset: nextBaseOffset,
                    topicPartition: topicPartition,
                    logger: logger
                )
                if nextBaseOffset != nil {
                    logger.debug("rebuilt the indexes of a segment", metadata: ["file": "\(path)"])
                    try segment.writeIndexes(directory: directory)
                }
            }
            expectedOffset = segment.nextOffset
            segments.append(segment)
        }
        if segments.isEmpty {
            let file = try SegmentFile(
                path: LogSegment.path(directory: directory, baseOffset: 0, extension: "log"),
                create: true,
                pool: environment.filePool
            )
            segments.append(LogSegment(baseOffset: 0, file: file, createdAt: now))
            // A new topic's partition directories were made durable, the file in them not yet.
            environment.flusher.markDirty(path: directory)
        }
        let logEndOffset = segments[segments.count - 1].nextOffset

        let producers: ProducerStateTable
        if let snapshot, snapshot.endOffset == logEndOffset {
            producers = snapshot.table
        } else if walkedEverySegment {
            producers = walkedProducers
        } else {
            logger.info("rebuilding producer state from batch headers", metadata: ["partition": "\(topicPartition)"])
            var replayed = ProducerStateTable()
            for segment in segments { try replayProducers(of: segment, into: &replayed) }
            producers = replayed
        }
        try ProducerStateSnapshot.remove(directory: directory)

        // A DeleteRecords start survives restarts; a torn tail cut below it brings it back to the end.
        let storedStart = try storedLogStartOffset(in: directory) ?? 0
        let logStartOffset = max(segments[0].baseOffset, min(storedStart, logEndOffset))
        for segment in removeSegments(below: logStartOffset, from: &segments) {
            segment.removeFiles(directory: directory)
        }

        var state = State(
            segments: segments,
            logStartOffset: logStartOffset,
            logEndOffset: logEndOffset,
            producers: producers
        )
        state.firstDirtyOffset = min(try storedFirstDirtyOffset(in: directory), logEndOffset)
        return Partition(
            topicPartition: topicPartition,
            configuration: configuration,
            directory: directory,
            environment: environment,
            state: state
        )
    }

    /// Feeds the idempotent batches of a segment already recovered into `producers`.
    private static func replayProducers(
        of segment: LogSegment,
        into producers: inout ProducerStateTable
    ) throws(EventLogError) {
        var walker = HeaderWalker(file: segment.file, end: segment.size, blockSize: 65_536)
        var position = segment.readablePosition(from: 0)
        while let header = try walker.header(at: position), header.totalSize >= RecordBatchHeader.size {
            producers.record(header, marker: try marker(of: header, at: position, in: segment.file))
            position = segment.readablePosition(from: position + header.totalSize)
        }
    }

    /// The transaction marker of a control batch (read from the file: markers are rare and small).
    static func marker(
        of header: RecordBatchHeader,
        at position: Int,
        in file: SegmentFile
    ) throws(EventLogError) -> ControlRecord.Kind? {
        guard header.attributes.isControl else { return nil }
        let bytes = try file.read(at: position, count: header.totalSize, allocator: ByteBufferAllocator())
        return ControlRecord(controlBatch: bytes)?.kind
    }

    /// What walking a segment found beyond its damaged ranges.
    struct SegmentScan {
        /// Damage that runs to the end of the file: where it starts and what is wrong there.
        var damagedTail: (position: Int, reason: String)?
        var fileSize: Int
    }

    /// Walks one segment batch by batch, rebuilding its indexes and the producer state. A batch
    /// that is torn, impossible, out of sequence or (if asked) fails its CRC starts a damaged
    /// range, which ends at the next batch found intact further on (its CRC always checked);
    /// without one, the damage runs to the end of the file and is returned as the damaged tail.
    /// `endOffset`, the next segment's base offset, bounds the offsets of a closed segment.
    static func scan(
        _ segment: inout LogSegment,
        producers: inout ProducerStateTable,
        verifyChecksums: Bool,
        endOffset: Int64?,
        indexIntervalBytes: Int
    ) throws(EventLogError) -> SegmentScan {
        let fileSize = try segment.file.size()
        var walker = HeaderWalker(file: segment.file, end: fileSize, blockSize: verifyChecksums ? 1_048_576 : 65_536)
        var position = 0
        while position < fileSize {
            let problem = try problem(
                at: position,
                in: &walker,
                expectedOffset: segment.nextOffset,
                endOffset: endOffset,
                verifyChecksum: verifyChecksums
            )
            if let problem {
                guard
                    let (resumption, header) = try nextIntactBatch(
                        after: position,
                        in: &walker,
                        expectedOffset: segment.nextOffset,
                        endOffset: endOffset
                    )
                else { return SegmentScan(damagedTail: (position, problem), fileSize: fileSize) }
                segment.damagedRanges.append(
                    DamagedRange(
                        positions: position..<resumption,
                        offsets: segment.nextOffset..<header.baseOffset,
                        reason: problem
                    )
                )
                segment.nextOffset = header.baseOffset
                position = resumption
                continue
            }
            // Checked by `problem(at:)` just above.
            let header = try walker.header(at: position)!
            if segment.isEmpty && header.maxTimestamp >= 0 {
                segment.createdAt = min(header.maxTimestamp, segment.createdAt)
            }
            segment.didAppend(header, at: position, indexIntervalBytes: indexIntervalBytes)
            producers.record(header, marker: try marker(of: header, at: position, in: segment.file))
            position += header.totalSize
        }
        return SegmentScan(damagedTail: nil, fileSize: fileSize)
    }

    /// What is wrong with the batch at `position`, or nil if it is sound.
    private static func problem(
        at position: Int,
        in walker: inout HeaderWalker,
        expectedOffset: Int64,
        endOffset: Int64?,
        verifyChecksum: Bool
    ) throws(EventLogError) -> String? {
        guard let header = try walker.header(at: position) else { return "torn batch header" }
        if header.magic != 2 { return "magic \(header.magic)" }
        if header.batchLength < Int32(RecordBatchHeader.size - RecordBatchHeader.logOverhead)
            || header.lastOffsetDelta < 0 || header.recordCount < 0
        {
            return "impossible batch length \(header.batchLength) or record count \(header.recordCount)"
        }
        if header.totalSize > walker.end - position {
            return "torn batch: \(header.totalSize) bytes declared, \(walker.end - position) present"
        }
        if header.baseOffset != expectedOffset {
            return "base offset \(header.baseOffset) where \(expectedOffset) was expected"
        }
        if let endOffset, header.lastOffset >= endOffset {
            return "last offset \(header.lastOffset) beyond the segment's end \(endOffset)"
        }
        if verifyChecksum {
            let checksum = try walker.withBytes(
                at: position + RecordBatchHeader.attributesOffset,
                count: header.totalSize - RecordBatchHeader.attributesOffset
            ) { CRC32C.checksum($0) }
            if checksum != header.crc { return "CRC-32C mismatch (stored \(header.crc), computed \(checksum))" }
        }
        return nil
    }

    /// The first position after `position` holding a whole batch with a matching CRC whose offsets
    /// come after `expectedOffset` (and before `endOffset`), and its header: where reading resumes.
    private static func nextIntactBatch(
        after position: Int,
        in walker: inout HeaderWalker,
        expectedOffset: Int64,
        endOffset: Int64?
    ) throws(EventLogError) -> (Int, RecordBatchHeader)? {
        var candidate = position + 1
        while let header = try walker.header(at: candidate) {
            defer { candidate += 1 }
            guard header.magic == 2, header.baseOffset > expectedOffset, header.totalSize >= RecordBatchHeader.size,
                header.totalSize <= walker.end - candidate, header.lastOffsetDelta >= 0, header.recordCount >= 0,
                endOffset.map({ header.lastOffset < $0 }) ?? true
            else { continue }
            let problem = try problem(
                at: candidate,
                in: &walker,
                expectedOffset: header.baseOffset,
                endOffset: endOffset,
                verifyChecksum: true
            )
            if problem == nil { return (candidate, header) }
        }
        return nil
    }

    /// Applies a scan's damaged tail and logs what was lost. The last segment is cut there, as
    /// Kafka's recovery does with a torn write; a closed segment keeps its size and end offset
    /// and marks the tail damaged, since the segments after it are intact.
    static func settle(
        _ scan: SegmentScan,
        of segment: inout LogSegment,
        endOffset: Int64?,
        topicPartition: TopicPartition,
        logger: Logger
    ) throws(EventLogError) {
        if let endOffset {
            markDamagedTail(of: scan, in: &segment, endOffset: endOffset)
        } else if let (position, reason) = scan.damagedTail {
            let lastLost = try lastReadableOffset(in: segment.file, from: position, end: scan.fileSize)
            try segment.file.truncate(to: position)
            logger.warning(
                "recovery truncated a partition at a torn or corrupt batch",
                metadata: [
                    "topic": "\(topicPartition.topic)",
                    "partition": "\(topicPartition.partition)",
                    "file": "\(segment.file.path)",
                    "position": "\(position)",
                    "bytesRemoved": "\(scan.fileSize - position)",
                    "offsetsLost": "\(segment.nextOffset)...\(lastLost.map(String.init) ?? "unknown")",
                    "reason": "\(reason)",
                ]
            )
        }
        for damage in segment.damagedRanges {
            logDamage(damage, in: segment.file, of: topicPartition, logger: logger)
        }
    }

    /// Records a closed segment's damaged tail, if any, as a damaged range up to `endOffset`.
    static func markDamagedTail(of scan: SegmentScan, in segment: inout LogSegment, endOffset: Int64) {
        guard let (position, reason) = scan.damagedTail else { return }
        segment.damagedRanges.append(
            DamagedRange(positions: position..<scan.fileSize, offsets: segment.nextOffset..<endOffset, reason: reason)
        )
        segment.size = scan.fileSize
        segment.nextOffset = endOffset
    }

    /// One error line for a damaged range: what consumers will not see, and why.
    static func logDamage(
        _ damage: DamagedRange,
        in file: SegmentFile,
        of topicPartition: TopicPartition,
        logger: Logger
    ) {
        let offsets =
            damage.offsets.isEmpty
            ? "none" : "\(damage.offsets.lowerBound)...\(damage.offsets.upperBound - 1)"
        logger.error(
            "damaged batches in a segment: readers skip offsets \(offsets) of \(topicPartition)",
            metadata: [
                "topic": "\(topicPartition.topic)",
                "partition": "\(topicPartition.partition)",
                "file": "\(file.path)",
                "positions": "\(damage.positions.lowerBound)..<\(damage.positions.upperBound)",
                "offsetsLost": "\(offsets)",
                "reason": "\(damage.reason)",
            ]
        )
    }

    /// The last offset named by plausible batch headers from `position` on, to say what a cut loses.
    private static func lastReadableOffset(
        in file: SegmentFile,
        from position: Int,
        end: Int
    ) throws(EventLogError) -> Int64? {
        var walker = HeaderWalker(file: file, end: end, blockSize: 65_536)
        var position = position
        var last: Int64?
        while let header = try walker.header(at: position), header.magic == 2,
            header.batchLength >= Int32(RecordBatchHeader.size - RecordBatchHeader.logOverhead)
        {
            last = header.lastOffset
            position += header.totalSize
        }
        return last
    }
}
