import KafkaProtocol
import NIOCore

/// Checks the record batches of a produce request, down to every record, before any of them is
/// written.
enum BatchValidator {
    /// A batch that passed every check, at `position` in the request buffer.
    struct ValidatedBatch: Sendable {
        var position: Int
        var header: RecordBatchHeader
    }

    /// The topic's rules that a batch's records must follow besides being readable.
    struct RecordRules: Sendable {
        /// A compacted topic refuses records without a key, as Kafka's LogValidator does.
        var requiresKeys: Bool
        /// The create timestamps accepted (`message.timestamp.before.max.ms` and `after`); nil: any.
        var timestamps: ClosedRange<Int64>?
        var topicPartition: TopicPartition

        init(configuration: TopicConfiguration, topicPartition: TopicPartition, now: Int64) {
            requiresKeys = configuration.cleanupPolicy.compacts
            let before = configuration.messageTimestampBeforeMaxMilliseconds
            let after = configuration.messageTimestampAfterMaxMilliseconds
            if configuration.messageTimestampType == .createTime, before < .max || after < .max {
                let (earliest, earliestOverflow) = now.subtractingReportingOverflow(before)
                let (latest, latestOverflow) = now.addingReportingOverflow(after)
                timestamps = (earliestOverflow ? .min : earliest)...(latestOverflow ? .max : latest)
            } else {
                timestamps = nil
            }
            self.topicPartition = topicPartition
        }

        var isEmpty: Bool { !requiresKeys && timestamps == nil }
    }

    /// Validates every batch in the readable bytes of `buffer`; throws on the first bad one.
    static func validate(
        _ buffer: ByteBuffer,
        maxMessageBytes: Int,
        rules: RecordRules? = nil,
        allowingControl: Bool = false
    ) throws(EventLogError) -> [ValidatedBatch] {
        var batches: [ValidatedBatch] = []
        var position = buffer.readerIndex
        let end = buffer.writerIndex
        guard position < end else { throw .invalidRecord("no record batch in the request") }
        while position < end {
            guard let header = RecordBatchHeader(from: buffer, at: position) else {
                throw .corruptMessage("\(end - position) trailing bytes are too few for a batch header")
            }
            guard header.batchLength >= RecordBatchHeader.size - RecordBatchHeader.logOverhead else {
                throw .corruptMessage("batch length \(header.batchLength) is shorter than a batch header")
            }
            guard header.totalSize <= end - position else {
                throw .corruptMessage(
                    "batch length \(header.batchLength) runs past the \(end - position) bytes received"
                )
            }
            guard header.magic == 2 else { throw .invalidRecord("magic \(header.magic); only 2 is supported") }
            guard header.totalSize <= maxMessageBytes else {
                throw .messageTooLarge(size: header.totalSize, limit: maxMessageBytes)
            }
            let checksum = buffer.withUnsafeReadableBytes { bytes in
                let start = position - buffer.readerIndex + RecordBatchHeader.attributesOffset
                let stop = position - buffer.readerIndex + header.totalSize
                return CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[start..<stop]))
            }
            guard checksum == header.crc else {
                throw .corruptMessage("CRC-32C is \(checksum), the batch says \(header.crc)")
            }
            guard header.recordCount > 0 else { throw .invalidRecord("batch has \(header.recordCount) records") }
            // Control records (transaction markers) are the transaction coordinator's to write.
            guard allowingControl || !header.attributes.isControl else {
                throw .invalidRecord("clients are not allowed to write control records")
            }
            guard header.lastOffsetDelta == header.recordCount - 1 else {
                throw .invalidRecord(
                    "last offset delta \(header.lastOffsetDelta) does not match \(header.recordCount) records"
                )
            }
            let slice = buffer.getSlice(at: position, length: header.totalSize)!
            if let rules, !rules.isEmpty {
                try validateRecords(of: slice, following: rules)
            } else {
                try validateRecords(of: slice)
            }
            batches.append(ValidatedBatch(position: position, header: header))
            position += header.totalSize
        }
        return batches
    }

    /// The most a compressed batch may expand to while its records are checked, as readers allow.
    static let maximumDecompressedSize = RecordBatch.defaultMaximumDecompressedSize

    /// Walks every record of a batch whose header and CRC passed, as Kafka's LogValidator does:
    /// a record that readers could not parse (a bad varint, a length past its end, trailing bytes,
    /// a compressed section that does not decompress within bounds) refuses the whole request, so
    /// nothing unreadable ever reaches the log. Nothing is kept per record, so a small compressed
    /// batch of millions of empty records costs only its decompressed bytes.
    private static func validateRecords(of batch: ByteBuffer) throws(EventLogError) {
        do {
            try LocatedRecordBatch.validate(
                batch,
                maximumDecompressedSize: maximumDecompressedSize,
                verifyingChecksum: false
            )
        } catch .offsetDeltaOutOfSequence(let index, let offsetDelta) {
            throw .invalidRecord("record \(index) has offset delta \(offsetDelta), expected \(index)")
        } catch {
            throw .corruptMessage("\(error)")
        }
    }

    /// Walks every record as `validateRecords(of:)` does, keeping their locations to check them
    /// against the topic's rules, with Kafka's errors: a record without a key on a compacted topic
    /// is INVALID_RECORD, a create time out of bounds INVALID_TIMESTAMP.
    private static func validateRecords(of batch: ByteBuffer, following rules: RecordRules) throws(EventLogError) {
        let located: LocatedRecordBatch
        do {
            located = try LocatedRecordBatch(
                decoding: batch,
                maximumDecompressedSize: maximumDecompressedSize,
                verifyingChecksum: false
            )
        } catch {
            throw .corruptMessage("\(error)")
        }
        for (index, record) in located.records.enumerated() {
            guard record.offsetDelta == index else {
                throw .invalidRecord("record \(index) has offset delta \(record.offsetDelta), expected \(index)")
            }
            if rules.requiresKeys && record.key == nil {
                throw .invalidRecord(
                    "Compacted topic cannot accept message without key in topic partition \(rules.topicPartition)."
                )
            }
            if let bounds = rules.timestamps {
                let timestamp = located.header.baseTimestamp &+ record.timestampDelta
                guard bounds.contains(timestamp) else {
                    throw .invalidTimestamp(
                        "Timestamp \(timestamp) of message with offset \(index) is out of range. The timestamp "
                            + "should be within [\(bounds.lowerBound), \(bounds.upperBound)]"
                    )
                }
            }
        }
    }
}
