import KafkaProtocol

/// One segment of a partition: a `.log` file of batches named by its base offset, and its indexes.
///
/// A value owned by the partition's state and changed only under the partition's lock.
struct LogSegment: Sendable {
    let baseOffset: Int64
    let file: SegmentFile
    /// Bytes of complete batches in the file; readers never look past it.
    var size: Int
    /// Offset after the last batch; `baseOffset` while empty.
    var nextOffset: Int64
    /// Largest batch max timestamp in the segment; -1 while empty.
    var maxTimestamp: Int64
    /// Wall-clock milliseconds when the segment got its first batch, for rolling by age.
    var createdAt: Int64
    var offsetIndex = OffsetIndex()
    var timeIndex = TimeIndex()
    /// Bytes appended since the last index entry.
    var bytesSinceIndexEntry = 0
    /// Unreadable stretches, in file order; readers skip them.
    var damagedRanges: [DamagedRange] = []
    /// Whether the CRC and framing of every batch were checked since start; segments trusted from
    /// their index files after a clean shutdown are checked on their first read.
    var isVerified = true

    init(baseOffset: Int64, file: SegmentFile, createdAt: Int64) {
        self.baseOffset = baseOffset
        self.file = file
        self.size = 0
        self.nextOffset = baseOffset
        self.maxTimestamp = -1
        self.createdAt = createdAt
    }

    /// Kafka's file name: the base offset zero padded to 20 digits, then the extension.
    static func fileName(baseOffset: Int64, extension fileExtension: String) -> String {
        let digits = String(baseOffset)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + "." + fileExtension
    }

    static func path(directory: String, baseOffset: Int64, extension fileExtension: String) -> String {
        directory + "/" + fileName(baseOffset: baseOffset, extension: fileExtension)
    }

    var isEmpty: Bool { size == 0 }

    /// `position`, or the end of the damaged range that holds it.
    func readablePosition(from position: Int) -> Int {
        damagedRanges.first { $0.positions.contains(position) }?.positions.upperBound ?? position
    }

    /// Where the readable bytes from `position` end: at the next damaged range, or at `size`.
    func readableEnd(from position: Int) -> Int {
        damagedRanges.first { $0.positions.lowerBound >= position }?.positions.lowerBound ?? size
    }

    /// Accounts for a batch written at `position` (its header carries the assigned offsets).
    mutating func didAppend(_ header: RecordBatchHeader, at position: Int, indexIntervalBytes: Int) {
        if position > 0 && bytesSinceIndexEntry >= indexIntervalBytes {
            let relativeOffset = UInt32(header.baseOffset - baseOffset)
            offsetIndex.append(relativeOffset: relativeOffset, position: UInt32(position))
            timeIndex.append(timestamp: maxTimestamp, relativeOffset: relativeOffset)
            bytesSinceIndexEntry = 0
        }
        bytesSinceIndexEntry += header.totalSize
        maxTimestamp = max(maxTimestamp, header.maxTimestamp)
        nextOffset = header.lastOffset + 1
        size = position + header.totalSize
    }

    /// Writes the `.index` and `.timeindex` files of this segment next to its log; returns their paths.
    @discardableResult
    func writeIndexes(directory: String, synchronize: Bool = false) throws(EventLogError) -> [String] {
        let offsetPath = Self.path(directory: directory, baseOffset: baseOffset, extension: "index")
        let timePath = Self.path(directory: directory, baseOffset: baseOffset, extension: "timeindex")
        try FileSystem.write(offsetIndex.serialized, to: offsetPath, synchronize: synchronize)
        try FileSystem.write(
            timeIndex.serialized(maxTimestamp: maxTimestamp, relativeEndOffset: UInt32(nextOffset - baseOffset)),
            to: timePath,
            synchronize: synchronize
        )
        return [offsetPath, timePath]
    }

    /// Takes a closed segment's indexes, size, end offset and largest timestamp from its index files.
    ///
    /// Returns false, changing nothing, unless both files exist and agree with the log file and
    /// with `endOffset`, the base offset of the next segment.
    mutating func loadIndexes(directory: String, endOffset: Int64) throws(EventLogError) -> Bool {
        guard
            let offsetBytes = try FileSystem.read(
                Self.path(directory: directory, baseOffset: baseOffset, extension: "index")
            ),
            let timeBytes = try FileSystem.read(
                Self.path(directory: directory, baseOffset: baseOffset, extension: "timeindex")
            ),
            let (timeIndex, maxTimestamp, relativeEndOffset) = TimeIndex.deserialize(timeBytes)
        else { return false }
        let logSize = try file.size()
        guard logSize > 0, baseOffset + Int64(relativeEndOffset) == endOffset,
            let offsetIndex = OffsetIndex(serialized: offsetBytes, logSize: logSize),
            offsetIndex.entries.allSatisfy({ $0.relativeOffset < relativeEndOffset }),
            timeIndex.entries.allSatisfy({ $0.relativeOffset < relativeEndOffset && $0.timestamp <= maxTimestamp })
        else { return false }
        self.offsetIndex = offsetIndex
        self.timeIndex = timeIndex
        self.size = logSize
        self.nextOffset = endOffset
        self.maxTimestamp = maxTimestamp
        return true
    }

    /// Removes the segment's files; open readers keep the log's descriptor until they finish.
    func removeFiles(directory: String) {
        file.pinBeforeRemoval()
        for fileExtension in ["log", "index", "timeindex"] {
            try? FileSystem.remove(Self.path(directory: directory, baseOffset: baseOffset, extension: fileExtension))
        }
    }
}
