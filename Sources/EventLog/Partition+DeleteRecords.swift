import Foundation

extension Partition {
    /// The file in the partition directory that keeps the log start offset DeleteRecords set.
    static let logStartOffsetFileName = "log-start-offset"

    /// The value DeleteRecords takes for "up to the high watermark".
    public static let highWatermarkOffset: Int64 = -1

    /// Kafka's DeleteRecords: advances the log start offset to `offset` (`highWatermarkOffset`,
    /// -1, means the high watermark) and returns the new low watermark.
    ///
    /// The new start is made durable first (a small file replaced atomically), so after a crash
    /// the partition opens with it; whole segments below it are then deleted, the active one never.
    /// Reads below it get OFFSET_OUT_OF_RANGE, and an offset at or below the current start changes
    /// nothing. An offset past the high watermark (or below -1) is OFFSET_OUT_OF_RANGE, and a topic
    /// whose `cleanup.policy` is only `compact` refuses with POLICY_VIOLATION, as Kafka does.
    @discardableResult
    public func deleteRecords(before offset: Int64) throws(EventLogError) -> Int64 {
        guard configuration.cleanupPolicy.deletes else {
            throw .policyViolation(
                "Records of partition \(topicPartition) can not be deleted due to the configured policy"
            )
        }
        return try maintenanceLock.withLock { _ throws(EventLogError) -> Int64 in
            let (target, current) = try state.withLock { state throws(EventLogError) -> (Int64, Int64) in
                try state.ensureOpen()
                let target = offset == Self.highWatermarkOffset ? state.logEndOffset : offset
                guard target >= 0, target <= state.logEndOffset else {
                    throw .offsetOutOfRange(
                        requested: offset,
                        logStartOffset: state.logStartOffset,
                        logEndOffset: state.logEndOffset
                    )
                }
                return (target, state.logStartOffset)
            }
            guard target > current else { return current }
            try FileSystem.writeAtomically(
                Array("\(target)\n".utf8),
                to: directory + "/" + Self.logStartOffsetFileName,
                synchronize: true
            )
            let (start, deleted) = try state.withLock { state throws(EventLogError) -> (Int64, [LogSegment]) in
                try state.ensureOpen()
                state.logStartOffset = max(state.logStartOffset, target)
                startOffset.store(state.logStartOffset, ordering: .releasing)
                return (state.logStartOffset, Self.removeSegments(below: state.logStartOffset, from: &state.segments))
            }
            for segment in deleted { segment.removeFiles(directory: directory) }
            logger.info(
                "deleted records",
                metadata: [
                    "partition": "\(topicPartition)", "logStartOffset": "\(start)", "segments": "\(deleted.count)",
                ]
            )
            return start
        }
    }

    /// Takes out of `segments` the closed ones whose every offset is below `logStartOffset`.
    static func removeSegments(below logStartOffset: Int64, from segments: inout [LogSegment]) -> [LogSegment] {
        var count = 0
        while count < segments.count - 1, segments[count + 1].baseOffset <= logStartOffset { count += 1 }
        let removed = Array(segments[0..<count])
        segments.removeFirst(count)
        return removed
    }

    /// The log start offset a DeleteRecords left in `directory`, or nil if none is there or it
    /// cannot be read (then the first segment's base offset stands, as before any DeleteRecords).
    static func storedLogStartOffset(in directory: String) throws(EventLogError) -> Int64? {
        guard let bytes = try FileSystem.read(directory + "/" + logStartOffsetFileName) else { return nil }
        return Int64(String(decoding: bytes, as: UTF8.self).trimmingWhitespace)
    }
}
