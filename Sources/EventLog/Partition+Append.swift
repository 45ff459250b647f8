import Glibc
import KafkaProtocol
import NIOCore

extension Partition {
    /// Appends complete RecordBatch v2 batches as received from a producer and assigns their offsets.
    ///
    /// All batches are validated first (length, magic, CRC-32C, record count, producer sequence); any
    /// failure throws and writes nothing. Only each batch's `baseOffset` field changes, which lies
    /// outside the CRC. A resent idempotent batch returns its original offsets and writes nothing.
    /// The data is in the page cache when this returns; `whenDurable` says when it is on disk.
    ///
    /// The topic's configs apply as they are at the call: `max.message.bytes`, keys required on a
    /// compacted topic, the create-time bounds, and with `message.timestamp.type=LogAppendTime`
    /// each batch stamped with the append time (its max timestamp, the timestamp-type bit and a
    /// new CRC), as Kafka's LogValidator does.
    @discardableResult
    public func append(_ batches: ByteBuffer) throws(EventLogError) -> AppendResult {
        try append(batches, marker: nil)
    }

    /// Appends as `append(_:)` does; with `marker`, `batches` is the transaction coordinator's
    /// control batch of that kind, which producers may not write.
    func append(_ batches: ByteBuffer, marker: ControlRecord.Kind?) throws(EventLogError) -> AppendResult {
        let configuration = configuration
        let now = Self.currentTimeMilliseconds()
        let validated = try BatchValidator.validate(
            batches,
            maxMessageBytes: configuration.maxMessageBytes,
            rules: marker == nil
                ? BatchValidator.RecordRules(configuration: configuration, topicPartition: topicPartition, now: now)
                : nil,
            allowingControl: marker != nil
        )
        let stamping =
            configuration.messageTimestampType == .logAppendTime
            ? LogAppendTimeStamping(validated, from: batches, now: now) : nil
        let outcome: AppendOutcome
        do throws(EventLogError) {
            outcome = try state.withLock { state throws(EventLogError) -> AppendOutcome in
                try appendLocked(
                    validated,
                    from: batches,
                    marker: marker,
                    stamping: stamping,
                    configuration: configuration,
                    now: now,
                    state: &state
                )
            }
        } catch .diskFull(let path) {
            diskFullReporter.appendFailed(path: path)
            throw .diskFull(path: path)
        }
        diskFullReporter.appendSucceeded()
        for waiter in outcome.waiters { waiter() }
        return outcome.result
    }

    /// Index entries hold file positions in 32 bits; Kafka caps `segment.bytes` the same way.
    static let maximumSegmentBytes = Int(Int32.max)

    struct AppendOutcome: Sendable {
        var result: AppendResult
        var waiters: [@Sendable () -> Void] = []
    }

    private func appendLocked(
        _ validated: [BatchValidator.ValidatedBatch],
        from batches: ByteBuffer,
        marker: ControlRecord.Kind?,
        stamping: LogAppendTimeStamping?,
        configuration: TopicConfiguration,
        now: Int64,
        state: inout State
    ) throws(EventLogError) -> AppendOutcome {
        try state.ensureOpen()

        // Producer checks come before any write, so a fenced or out-of-order batch changes nothing.
        var headers = stamping?.headers ?? validated.map(\.header)
        var pending: [Int64: ProducerStateTable.Entry] = [:]
        var nextOffset = state.logEndOffset
        for index in headers.indices {
            headers[index].baseOffset = nextOffset
            let verdict = try state.producers.check(headers[index], pending: pending)
            if case .duplicate(let original) = verdict {
                let result = AppendResult(
                    baseOffset: original.firstOffset,
                    lastOffset: original.lastOffset,
                    logAppendTime: original.timestamp,
                    logStartOffset: state.logStartOffset,
                    timestampType: configuration.messageTimestampType,
                    isDuplicate: true
                )
                return AppendOutcome(result: result)
            }
            if headers[index].isIdempotent {
                pending[headers[index].producerId] = state.producers.entry(
                    afterAppending: headers[index],
                    pending: pending
                )
            }
            nextOffset = headers[index].lastOffset + 1
        }

        let totalSize = headers.reduce(0) { $0 + $1.totalSize }
        if let active = state.segments.last, !active.isEmpty,
            active.size + totalSize > min(configuration.segmentBytes, Self.maximumSegmentBytes)
                || now - active.createdAt >= configuration.segmentMilliseconds
                // Index entries hold offsets relative to the segment base in 32 bits, as in Kafka.
                || nextOffset - active.baseOffset > Int64(UInt32.max)
        {
            try roll(state: &state, now: now)
        }

        let segmentIndex = state.segments.count - 1
        let position = state.segments[segmentIndex].size
        let file = state.segments[segmentIndex].file
        try write(validated, headers: headers, stamping: stamping, from: batches, to: file, at: position)
        // Marked under the lock: a retried batch answered as a duplicate right after this must not
        // see its durability waiter served by a flush that missed this file.
        flusher.markDirty(file)

        var batchPosition = position
        if state.segments[segmentIndex].isEmpty { state.segments[segmentIndex].createdAt = now }
        for header in headers {
            state.segments[segmentIndex].didAppend(header, at: batchPosition, indexIntervalBytes: indexIntervalBytes)
            batchPosition += header.totalSize
        }
        state.producers.update(pending)
        for header in headers where header.attributes.isTransactional {
            if header.attributes.isControl {
                state.producers.record(header, marker: marker)
            } else {
                state.producers.transactions.record(header, marker: nil)
            }
        }
        state.logEndOffset = nextOffset
        endOffset.store(nextOffset, ordering: .releasing)

        var waiters: [@Sendable () -> Void] = []
        if !state.waiters.isEmpty {
            for (identifier, waiter) in state.waiters where waiter.offset < nextOffset {
                waiters.append(waiter.callback)
                state.waiters[identifier] = nil
            }
        }
        let result = AppendResult(
            baseOffset: headers[0].baseOffset,
            lastOffset: nextOffset - 1,
            logAppendTime: now,
            logStartOffset: state.logStartOffset,
            timestampType: configuration.messageTimestampType
        )
        return AppendOutcome(result: result, waiters: waiters)
    }

    /// Writes the batches with one vectored write: each batch's new base offset from a small array,
    /// the rest of the batch straight from the request buffer, which is never copied or modified.
    /// Stamped batches take the rest of their header from `stamping`, their records from the request.
    private func write(
        _ validated: [BatchValidator.ValidatedBatch],
        headers: [RecordBatchHeader],
        stamping: LogAppendTimeStamping?,
        from batches: ByteBuffer,
        to file: SegmentFile,
        at position: Int
    ) throws(EventLogError) {
        var offsets = headers.map { $0.baseOffset.bigEndian }
        var stampedHeaders = stamping?.headerBytes ?? []
        let headerTail = RecordBatchHeader.size - 8
        let failure = offsets.withUnsafeMutableBytes { offsetBytes -> EventLogError? in
            stampedHeaders.withUnsafeMutableBytes { stampedBytes -> EventLogError? in
                batches.withUnsafeReadableBytes { bytes -> EventLogError? in
                    var vectors: [iovec] = []
                    vectors.reserveCapacity(validated.count * 3)
                    for (index, batch) in validated.enumerated() {
                        let start = batch.position - batches.readerIndex
                        vectors.append(iovec(iov_base: offsetBytes.baseAddress! + index * 8, iov_len: 8))
                        var copied = 8
                        if stamping != nil {
                            vectors.append(
                                iovec(iov_base: stampedBytes.baseAddress! + index * headerTail, iov_len: headerTail)
                            )
                            copied = RecordBatchHeader.size
                        }
                        vectors.append(
                            iovec(
                                iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress! + start + copied),
                                iov_len: batch.header.totalSize - copied
                            )
                        )
                    }
                    do throws(EventLogError) {
                        try file.write(&vectors, at: position)
                        return nil
                    } catch {
                        return error
                    }
                }
            }
        }
        if let failure {
            // A partial write must not stay behind: later appends would land after garbage.
            try? file.truncate(to: position)
            throw failure
        }
    }

    /// Closes the active segment (writing its indexes) and opens a new one at the log end offset.
    func roll(state: inout State, now: Int64) throws(EventLogError) {
        if let active = state.segments.last {
            // The flusher fsyncs them later: a clean shutdown vouches for them, and a crash before
            // that makes start-up rebuild them anyway.
            for path in try active.writeIndexes(directory: directory) { flusher.markDirty(path: path) }
        }
        let baseOffset = state.logEndOffset
        let file = try SegmentFile(
            path: LogSegment.path(directory: directory, baseOffset: baseOffset, extension: "log"),
            create: true,
            pool: filePool
        )
        state.segments.append(LogSegment(baseOffset: baseOffset, file: file, createdAt: now))
        flusher.markDirty(path: directory)
        logger.debug(
            "rolled segment",
            metadata: ["partition": "\(topicPartition)", "baseOffset": "\(baseOffset)"]
        )
    }
}
