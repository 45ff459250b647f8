import KafkaProtocol
import Logging
import NIOCore

extension Partition {
    /// Opens the partition in `directory`, creating its first segment if it has none.
    ///
    /// After a clean shutdown, closed segments are taken from their index files and the producer
    /// state from its snapshot; only the last segment is walked, with every batch's CRC checked.
    /// After an unclean shutdown every segment is walked and checked, rebuilding indexes and
    /// producer state. The log is cut at the first torn or corrupt batch, and the cut is logged.
    static func open(
        topicPartition: TopicPartition,
        configuration: TopicConfiguration,
        directory: String,
        cleanShutdown: Bool,
        indexIntervalBytes: Int,
        flusher: Flusher,
        logger: Logger
    ) throws(EventLogError) -> Partition {
        try FileSystem.makeDirectory(directory)
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
            let isLast = number == baseOffsets.count - 1
            if baseOffset != expectedOffset {
                // A gap or overlap means an earlier segment was cut: what follows cannot be trusted.
                logger.error(
                    "recovery removed a segment that does not continue the log",
                    metadata: [
                        "partition": "\(topicPartition)", "file": "\(path)",
                        "expectedBaseOffset": "\(expectedOffset)",
                    ]
                )
                LogSegment(baseOffset: baseOffset, file: try SegmentFile(path: path, create: false), createdAt: now)
                    .removeFiles(directory: directory)
                continue
            }
            var segment = LogSegment(
                baseOffset: baseOffset,
                file: try SegmentFile(path: path, create: false),
                createdAt: now
            )
            if !isLast, cleanShutdown,
                try segment.loadIndexes(directory: directory, endOffset: baseOffsets[number + 1])
            {
                walkedEverySegment = false
            } else {
                try recover(
                    &segment,
                    producers: &walkedProducers,
                    verifyChecksums: isLast || !cleanShutdown,
                    topicPartition: topicPartition,
                    indexIntervalBytes: indexIntervalBytes,
                    logger: logger
                )
                if !isLast {
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
                create: true
            )
            segments.append(LogSegment(baseOffset: 0, file: file, createdAt: now))
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

        let state = State(
            segments: segments,
            logStartOffset: segments[0].baseOffset,
            logEndOffset: logEndOffset,
            producers: producers
        )
        return Partition(
            topicPartition: topicPartition,
            configuration: configuration,
            directory: directory,
            indexIntervalBytes: indexIntervalBytes,
            flusher: flusher,
            logger: logger,
            state: state
        )
    }

    /// Feeds the idempotent batches of a segment already recovered into `producers`.
    private static func replayProducers(
        of segment: LogSegment,
        into producers: inout ProducerStateTable
    ) throws(EventLogError) {
        var walker = HeaderWalker(file: segment.file, end: segment.size, blockSize: 65_536)
        var position = 0
        while let header = try walker.header(at: position), header.totalSize >= RecordBatchHeader.size {
            producers.record(header)
            position += header.totalSize
        }
    }

    /// Walks one segment batch by batch, rebuilding its indexes and the producer state, and cuts
    /// the file at the first batch that is torn, impossible, out of sequence or (if asked) fails its CRC.
    private static func recover(
        _ segment: inout LogSegment,
        producers: inout ProducerStateTable,
        verifyChecksums: Bool,
        topicPartition: TopicPartition,
        indexIntervalBytes: Int,
        logger: Logger
    ) throws(EventLogError) {
        let fileSize = try segment.file.size()
        var walker = HeaderWalker(file: segment.file, end: fileSize, blockSize: verifyChecksums ? 1_048_576 : 65_536)
        var position = 0
        var problem: String?
        while position < fileSize {
            guard let header = try walker.header(at: position) else {
                problem = "torn batch header"
                break
            }
            if header.magic != 2 {
                problem = "magic \(header.magic)"
                break
            }
            if header.batchLength < Int32(RecordBatchHeader.size - RecordBatchHeader.logOverhead)
                || header.lastOffsetDelta < 0 || header.recordCount <= 0
            {
                problem = "impossible batch length \(header.batchLength) or record count \(header.recordCount)"
                break
            }
            if header.totalSize > fileSize - position {
                problem = "torn batch: \(header.totalSize) bytes declared, \(fileSize - position) present"
                break
            }
            if header.baseOffset != segment.nextOffset {
                problem = "base offset \(header.baseOffset) where \(segment.nextOffset) was expected"
                break
            }
            if verifyChecksums {
                let checksum = try walker.withBytes(
                    at: position + RecordBatchHeader.attributesOffset,
                    count: header.totalSize - RecordBatchHeader.attributesOffset
                ) { CRC32C.checksum($0) }
                if checksum != header.crc {
                    problem = "CRC-32C mismatch (stored \(header.crc), computed \(checksum))"
                    break
                }
            }
            if segment.isEmpty && header.maxTimestamp >= 0 {
                segment.createdAt = min(header.maxTimestamp, segment.createdAt)
            }
            segment.didAppend(header, at: position, indexIntervalBytes: indexIntervalBytes)
            producers.record(header)
            position += header.totalSize
        }
        guard let problem else { return }
        let removed = fileSize - position
        let lastLost = try lastReadableOffset(in: segment.file, from: position, end: fileSize)
        try segment.file.truncate(to: position)
        logger.warning(
            "recovery truncated a partition at a torn or corrupt batch",
            metadata: [
                "topic": "\(topicPartition.topic)",
                "partition": "\(topicPartition.partition)",
                "file": "\(segment.file.path)",
                "position": "\(position)",
                "bytesRemoved": "\(removed)",
                "offsetsLost": "\(segment.nextOffset)...\(lastLost.map(String.init) ?? "unknown")",
                "reason": "\(problem)",
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
