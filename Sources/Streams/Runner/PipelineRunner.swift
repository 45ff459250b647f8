import EventLog
import Foundation
import KafkaProtocol
import Locking
import Logging
import NIOCore

/// Runs a pipeline over a `StreamStorage` (the embedded log), exactly once across crashes.
///
/// The protocol, per checkpoint interval (an epoch):
/// 1. Read source records from the next offsets and push them through the graph; sink records are
///    staged in memory, not appended. (A large backlog is read and decoded ahead on other threads;
///    only what went through the graph counts as processed.)
/// 2. Checkpoint: snapshot the state, the next source offsets, the watermark and the staged
///    records; then, on a task of its own while the next epoch is processed, choose the staged
///    records' partitions, encode them into the RecordBatches to append, note each sink
///    partition's end offset, and atomically write all of it
///    (a write-ahead of the sinks) to `DATA_DIR/streams/PIPELINE/checkpoint`.
/// 3. On that task, append those batches, each record tagged with the pipeline and the epoch, then
///    wait until the log has them durably (under its flush policy); the next checkpoint waits for it.
///
/// After a kill -9 the runner restores the last checkpoint's state and offsets, so records after
/// it are processed again against the state from before them (no double counting), and it appends
/// the checkpoint's staged records that the sinks do not hold yet (counted from the noted end
/// offsets), so no sink record is lost or duplicated. Records staged after the last checkpoint
/// were never appended; they are produced again by the replay. Views are rebuilt from the state.
public final class PipelineRunner: Sendable {
    /// The pipeline being run.
    public let pipeline: Pipeline
    let storage: any StreamStorage
    let checkpointDirectory: String
    let logger: Logger
    let metrics: PipelineMetrics?
    /// Whether stopping skips the last checkpoint: the pipeline's state is thrown away next.
    private let discardsStateOnStop = Locked(false)

    /// Prepares to run `pipeline` over `storage`, checkpointing into `checkpointDirectory`.
    public init(
        pipeline: Pipeline,
        storage: any StreamStorage,
        checkpointDirectory: String,
        metrics: StreamsMetrics? = nil,
        logger: Logger = Logger(label: "kibitz.streams")
    ) {
        self.pipeline = pipeline
        self.storage = storage
        self.checkpointDirectory = checkpointDirectory
        self.metrics = metrics?.metrics(for: pipeline)
        var logger = logger
        logger[metadataKey: "pipeline"] = "\(pipeline.name)"
        self.logger = logger
    }

    /// Makes the next stop skip the last checkpoint, for a pipeline whose checkpoints are removed
    /// once it stopped (a dropped SQL view): a large state is not written for nothing.
    public func discardStateOnStop() {
        discardsStateOnStop.withLock { $0 = true }
    }

    /// Prepares to run `pipeline` over the event log, checkpointing into `DATA_DIR/streams/PIPELINE`.
    public convenience init(
        pipeline: Pipeline,
        log: EventLog,
        metrics: StreamsMetrics? = nil,
        logger: Logger = Logger(label: "kibitz.streams")
    ) {
        self.init(
            pipeline: pipeline,
            storage: log,
            checkpointDirectory: Self.checkpointDirectory(dataDirectory: log.directory, pipeline: pipeline.name),
            metrics: metrics,
            logger: logger
        )
    }

    /// Where a pipeline's checkpoint lives under a data directory.
    public static func checkpointDirectory(dataDirectory: String, pipeline: String) -> String {
        dataDirectory + "/streams/" + pipeline
    }

    /// One source partition: the next offset to process, and what is read and decoded beyond it.
    struct SourcePartition {
        var topicPartition: TopicPartition
        var log: any PartitionLog
        /// The first offset not yet fed through the graph: what a checkpoint saves.
        var nextOffset: Int64
        /// The first offset not yet read (beyond `nextOffset` while chunks are decoded ahead).
        var readOffset: Int64
        /// The next chunks, in order, being decoded on other threads while the graph processes.
        var decodingAhead: [Task<SourceChunk, Never>] = []
        /// Whether the topic was deleted: nothing is read until it exists again.
        var isPaused = false
        /// Where a bounded source stops: the records from here on are never read.
        var endOffset: Int64?

        init(log: any PartitionLog, nextOffset: Int64) {
            topicPartition = log.topicPartition
            self.log = log
            self.nextOffset = nextOffset
            readOffset = nextOffset
        }

        /// Where reading stops for now: the log's end, or the bound of a bounded source.
        var readLimit: Int64 { min(log.latestOffset, endOffset ?? .max) }
    }

    /// Records of one source partition, decoded and waiting to be fed through the graph.
    struct SourceChunk: Sendable {
        var decoded: [DecodedValues]
        /// The offset the chunk was read from.
        var startOffset: Int64
        /// The offset after the chunk's last record (or control batch): where the next read starts.
        var endOffset: Int64
    }

    /// While at least this many records wait in a source partition, the next chunks are decoded on
    /// other threads ahead of the graph; a smaller backlog (live traffic) is decoded in place,
    /// without a thread hop.
    static let decodeAheadRecords: Int64 = 1_000
    /// How many chunks may be decoded ahead: enough to keep decoding through a checkpoint.
    static let decodeAheadChunks = 4

    /// Processes until the task is cancelled, then takes a last checkpoint and returns.
    ///
    /// Missing source topics are created with one partition, as are the sinks and the dead-letter topic.
    public func run() async throws {
        let store = try CheckpointStore(directory: checkpointDirectory)
        let sinks = SinkWriter(pipelineName: pipeline.name, storage: storage)
        for topic in pipeline.outputTopics { try sinks.prepare(topic: topic) }
        var sources: [SourcePartition] = []
        for topic in pipeline.sourceTopics {
            for log in try storage.partitionLogs(of: topic, creatingWith: 1) {
                sources.append(
                    SourcePartition(log: log, nextOffset: try Self.startOffset(of: log, pipeline.reading(of: topic)))
                )
            }
        }

        pipeline.trackPartitions(count: sources.count)
        var epoch: Int64 = 0
        let restored = try store.load()
        for index in sources.indices where pipeline.reading(of: sources[index].topicPartition.topic).isBounded {
            let partition = sources[index].topicPartition
            sources[index].endOffset =
                restored?.sourceEndOffsets?.first {
                    $0.topic == partition.topic && $0.partition == partition.partition
                }?
                .offset ?? sources[index].log.latestOffset
        }
        if let checkpoint = restored {
            try pipeline.state.restore(checkpoint.state)
            pipeline.restoreTime(maximumEventTime: checkpoint.maximumEventTime, watermark: checkpoint.watermark)
            for index in sources.indices {
                let partition = sources[index].topicPartition
                if let saved = checkpoint.sourceOffsets.first(where: {
                    $0.topic == partition.topic && $0.partition == partition.partition
                }) {
                    let log = sources[index].log
                    guard saved.offset <= log.latestOffset else {
                        // The topic was deleted and created again (or truncated) while the pipeline
                        // was down: its offsets restarted below the checkpoint's, so its records
                        // would be skipped until they passed it.
                        logger.warning(
                            "source offset beyond the end of the topic: it was re-created or truncated; reading it from the start",
                            metadata: [
                                "partition": "\(partition)", "checkpoint_offset": "\(saved.offset)",
                                "log_end_offset": "\(log.latestOffset)",
                            ]
                        )
                        continue
                    }
                    sources[index].nextOffset = saved.offset
                    sources[index].readOffset = saved.offset
                }
            }
            epoch = checkpoint.epoch
            try sinks.append(checkpoint.output, epoch: epoch, skippingFrom: checkpoint.outputStartOffsets)
            try await storage.waitUntilDurable()
            logger.info(
                "restored checkpoint",
                metadata: [
                    "epoch": "\(epoch)",
                    "offsets": "\(checkpoint.sourceOffsets.map { "\($0.topic)-\($0.partition)@\($0.offset)" })",
                ]
            )
        }

        let interval = pipeline.configuration.checkpointIntervalMilliseconds
        // The time between checkpoints: the interval, or more when a checkpoint costs much (a large
        // state is snapshotted whole), so that checkpoints take at most a twentieth of the time.
        var spacing = interval
        var lastCheckpoint = PipelineMetrics.now()
        var hasUncheckpointedWork = false
        metrics?.recordCheckpoint(at: lastCheckpoint)

        // The checkpoint being written, with its sink appends, while processing goes on.
        var checkpointInFlight: Task<Void, any Error>?

        /// Snapshots the state, offsets and staged output at this point of the input, then writes
        /// them and appends the output on another task, so that the file's fsync does not hold up
        /// events arriving meanwhile.
        func checkpoint() async throws {
            let started = PipelineMetrics.now()
            // One at a time, in order: a checkpoint's sink records follow the previous one's.
            try await checkpointInFlight?.value
            epoch += 1
            let now = PipelineMetrics.now()
            let snapshot = Checkpoint(
                epoch: epoch,
                createdAt: now,
                sourceOffsets: sources.map {
                    PartitionOffset(
                        topic: $0.topicPartition.topic,
                        partition: $0.topicPartition.partition,
                        offset: $0.nextOffset
                    )
                },
                sourceEndOffsets: sources.compactMap { source in
                    source.endOffset.map {
                        PartitionOffset(
                            topic: source.topicPartition.topic,
                            partition: source.topicPartition.partition,
                            offset: $0
                        )
                    }
                },
                maximumEventTime: pipeline.maximumEventTime,
                watermark: pipeline.watermark,
                state: try pipeline.state.snapshot(),
                output: [],
                outputStartOffsets: []
            )
            let output = pipeline.takeOutput()
            lastCheckpoint = now
            hasUncheckpointedWork = false
            // A zero interval (checkpoint after every read) stays zero: tests rely on it.
            spacing = interval == 0 ? 0 : max(interval, (PipelineMetrics.now() - started) * 20)
            let (writer, storage, metrics) = (sinks, storage, metrics)
            checkpointInFlight = Task {
                var checkpoint = snapshot
                checkpoint.output = try writer.encode(output, epoch: checkpoint.epoch)
                checkpoint.outputStartOffsets = try writer.endOffsets(for: checkpoint.output)
                try store.save(checkpoint)
                try writer.append(checkpoint.output, epoch: checkpoint.epoch, skippingFrom: nil)
                try await storage.waitUntilDurable()
                metrics?.recordCheckpoint(at: now)
            }
        }

        while !Task.isCancelled {
            var readSomething = false
            // A partition with records to read holds the watermark back before any is delivered:
            // a record read from one topic must not make the next records of another late.
            markIdlePartitions(sources)
            for index in sources.indices where !sources[index].isPaused {
                do {
                    pipeline.selectPartition(index)
                    let processed = try await processNextChunk(of: &sources[index])
                    readSomething = readSomething || processed
                } catch EventLogError.unknownTopicOrPartition {
                    // Deleted under the read; the check below pauses it.
                }
            }
            // Pipelines share the concurrency pool's few threads with the web server's requests: a
            // pipeline working through a backlog lets them in between its chunks.
            if readSomething { await Task.yield() }
            // Deleting or re-creating a source topic is a normal event, noticed when idle or when a
            // read finds the topic gone.
            markIdlePartitions(sources)
            if !readSomething {
                let count = sources.count
                followTopicChanges(&sources)
                if sources.count != count { pipeline.trackPartitions(count: sources.count) }
                pipeline.noteCaughtUp()
            }
            if readSomething { hasUncheckpointedWork = true }
            if !pipeline.hasFinishedInput, !sources.isEmpty,
                sources.allSatisfy({ source in source.endOffset.map { source.nextOffset >= $0 } ?? false })
            {
                pipeline.finishInput()
                hasUncheckpointedWork = true
                logger.info("bounded sources read to their end; results are final")
            }
            let now = PipelineMetrics.now()
            if hasUncheckpointedWork
                && (now - lastCheckpoint >= spacing
                    || pipeline.pendingOutputCount >= pipeline.configuration.maximumPendingOutput)
            {
                try await checkpoint()
            }
            if let metrics {
                for source in sources {
                    metrics.recordLag(source.log.latestOffset - source.nextOffset, for: source.topicPartition)
                }
                metrics.refresh()
            }
            if !readSomething {
                let wait = hasUncheckpointedWork ? max(1, spacing - (PipelineMetrics.now() - lastCheckpoint)) : 1_000
                await waitForData(sources, milliseconds: wait)
            }
        }
        // A chunk decoded ahead was not processed: the checkpoint's offsets are before it.
        for task in sources.flatMap(\.decodingAhead) { task.cancel() }
        let discards = discardsStateOnStop.withLock { $0 }
        if !discards && (hasUncheckpointedWork || pipeline.pendingOutputCount > 0) { try await checkpoint() }
        try await checkpointInFlight?.value
        metrics?.refresh()
    }

    /// Tells the pipeline which source partitions are read to their end (idle: they hold the
    /// watermark back no longer) and which have records to read.
    private func markIdlePartitions(_ sources: [SourcePartition]) {
        for index in sources.indices {
            let source = sources[index]
            let isIdle = source.isPaused || (source.nextOffset >= source.readLimit && source.decodingAhead.isEmpty)
            pipeline.setPartition(index, idle: isIdle)
        }
    }

    /// The offset a first run starts `log` at.
    private static func startOffset(of log: any PartitionLog, _ reading: SourceReading) throws -> Int64 {
        switch reading.start {
        case .earliest: log.earliestOffset
        case .latest: log.latestOffset
        case .timestamp(let time): try log.offset(forTimestamp: time) ?? log.latestOffset
        }
    }

    /// Pauses the partitions of source topics that were deleted and, once a topic exists again,
    /// reads its new partitions from the start; says so once for each change.
    ///
    /// The state is kept: a topic deleted and created again continues the same statistics.
    private func followTopicChanges(_ sources: inout [SourcePartition]) {
        for topic in pipeline.sourceTopics {
            let followed = sources.filter { $0.topicPartition.topic == topic }
            let current = storage.partitionLogs(of: topic)
            if let current, current.count == followed.count,
                zip(current, followed).allSatisfy({ $0 === $1.log })
            {
                continue
            }
            for source in followed { for task in source.decodingAhead { task.cancel() } }
            guard let current else {
                guard followed.contains(where: { !$0.isPaused }) else { continue }
                for index in sources.indices where sources[index].topicPartition.topic == topic {
                    sources[index].isPaused = true
                    sources[index].decodingAhead = []
                }
                logger.warning(
                    "source topic deleted; waiting for it to be created again",
                    metadata: ["topic": "\(topic)"]
                )
                continue
            }
            sources.removeAll { $0.topicPartition.topic == topic }
            sources += current.map { SourcePartition(log: $0, nextOffset: $0.earliestOffset) }
            logger.notice(
                "source topic created again; reading it from the start",
                metadata: ["topic": "\(topic)", "partitions": "\(current.count)"]
            )
        }
    }

    /// Feeds the next chunk of a source partition through the graph; false when there was nothing new.
    ///
    /// While the graph works on a chunk of a large backlog, the next ones are read and decoded on
    /// other threads.
    private func processNextChunk(of source: inout SourcePartition) async throws -> Bool {
        let chunk: SourceChunk
        if !source.decodingAhead.isEmpty {
            chunk = await source.decodingAhead.removeFirst().value
            guard chunk.startOffset == source.nextOffset else {
                // The headers promised another end than the records gave (a damaged batch): read again.
                for task in source.decodingAhead { task.cancel() }
                source.decodingAhead = []
                source.readOffset = source.nextOffset
                return true
            }
        } else {
            guard let bytes = try read(&source) else { return false }
            chunk = Self.decode(
                bytes,
                from: source.readOffset,
                to: source.endOffset,
                of: source.topicPartition,
                pipeline: pipeline,
                logger: logger
            )
            source.readOffset = chunk.endOffset
        }
        try decodeAhead(&source)
        pipeline.deliver(chunk.decoded, topic: source.topicPartition.topic)
        if let metrics, let timestamps = chunk.decoded.first?.timestamps, !timestamps.isEmpty {
            let now = PipelineMetrics.now()
            metrics.latency.withLock { histogram in
                for timestamp in timestamps {
                    _ = histogram.record(UInt64(clamping: Swift.min(Swift.max(0, now - timestamp), 3_600_000)))
                }
            }
        }
        let advanced = chunk.endOffset > source.nextOffset
        source.nextOffset = chunk.endOffset
        return advanced
    }

    /// Starts decoding the next chunks on other threads while the backlog is large.
    private func decodeAhead(_ source: inout SourcePartition) throws {
        while source.decodingAhead.count < Self.decodeAheadChunks,
            source.readLimit - source.readOffset >= Self.decodeAheadRecords,
            let bytes = try read(&source)
        {
            // The batch headers tell where the chunk ends, without waiting for its records.
            let offset = source.readOffset
            var end = offset
            var iterator = RecordBatchIterator(bytes)
            while let (header, _) = try? iterator.nextEncodedBatch() { end = max(end, header.lastOffset + 1) }
            end = min(end, source.readLimit)
            guard end > offset else { return }
            let (pipeline, logger, partition, bound) = (pipeline, logger, source.topicPartition, source.endOffset)
            source.decodingAhead.append(
                Task.detached {
                    Self.decode(bytes, from: offset, to: bound, of: partition, pipeline: pipeline, logger: logger)
                }
            )
            source.readOffset = end
        }
    }

    /// The bytes from the source's read offset on, or nil when there is nothing new.
    private func read(_ source: inout SourcePartition) throws -> ByteBuffer? {
        guard source.readOffset < source.readLimit else { return nil }
        do {
            return try source.log.read(from: source.readOffset, maxBytes: pipeline.configuration.readSizeBytes).records
        } catch {
            guard source.readOffset < source.log.earliestOffset else { throw error }
            // Retention deleted what the checkpoint pointed at: go on from the oldest record left.
            logger.warning(
                "source offset out of range, continuing from the log start",
                metadata: ["partition": "\(source.topicPartition)", "offset": "\(source.log.earliestOffset)"]
            )
            source.readOffset = source.log.earliestOffset
            source.nextOffset = source.readOffset
            return nil
        }
    }

    /// Parses the records of `bytes` from `offset` on (up to `bound`, when given) and decodes them
    /// with the pipeline's bindings of their topic; touches nothing of the pipeline but its
    /// (immutable) bindings.
    private static func decode(
        _ bytes: ByteBuffer,
        from offset: Int64,
        to bound: Int64?,
        of partition: TopicPartition,
        pipeline: Pipeline,
        logger: Logger
    ) -> SourceChunk {
        // The log checked every batch's CRC on append and checks the tail again at recovery; checking
        // it once more on every read costs a few percent of the pipeline's time for nothing.
        var iterator = RecordBatchIterator(bytes, verifiesChecksum: false)
        var batches: [LocatedRecordBatch] = []
        var endOffset = offset
        var skippedBatches = 0
        while true {
            let encoded: (header: RecordBatchHeader, bytes: ByteBuffer)?
            do {
                encoded = try iterator.nextEncodedBatch()
            } catch {
                // The framing itself is damaged (or an old format): the iterator has moved past what it
                // could, and nothing after a bad length can be trusted.
                skippedBatches += 1
                reportUnreadable(error, in: partition, at: endOffset, pipeline: pipeline, logger: logger)
                if case .invalidBatchLength = error { break }
                continue
            }
            guard let (header, batchBytes) = encoded else { break }
            do {
                let batch = try LocatedRecordBatch(decoding: batchBytes, verifyingChecksum: false)
                if let last = batch.records.last { endOffset = max(endOffset, batch.offset(of: last) + 1) }
                batches.append(batch)
            } catch {
                // The log validated every record on append; a failure here means damage on disk or a
                // batch written by an earlier version. Its header still says which offsets it held.
                skippedBatches += 1
                endOffset = max(endOffset, header.lastOffset + 1)
                reportUnreadable(error, in: partition, at: header.baseOffset, pipeline: pipeline, logger: logger)
            }
        }
        // Whatever could not be read is passed over once: the next read starts after it, never at it.
        if skippedBatches > 0 && endOffset == offset { endOffset = offset + 1 }
        if let bound { endOffset = min(endOffset, bound) }
        let records = SourceRecords(
            topic: partition.topic,
            partition: partition.partition,
            batches: batches,
            startOffset: offset,
            endOffset: bound ?? .max
        )
        return SourceChunk(decoded: pipeline.decode(records), startOffset: offset, endOffset: endOffset)
    }

    /// Counts a skipped batch and says so, at most once per interval for each source partition.
    private static func reportUnreadable(
        _ error: RecordBatchError,
        in partition: TopicPartition,
        at offset: Int64,
        pipeline: Pipeline,
        logger: Logger
    ) {
        pipeline.counters.unreadableBatchesStorage.add(1, ordering: .relaxed)
        pipeline.unreadableBatchWarnings.log(
            "skipping an unreadable batch",
            level: .error,
            kind: "\(partition)",
            metadata: ["partition": "\(partition)", "offset": "\(offset)", "error": "\(error)"],
            to: logger
        )
    }

    /// Suspends until any source partition has a record past its next offset, or `milliseconds` pass,
    /// or the task is cancelled.
    private func waitForData(_ sources: [SourcePartition], milliseconds: Int64) async {
        let signal = WakeUpSignal()
        var tokens: [(any PartitionLog, DataAvailabilityToken)] = []
        // A paused (deleted) partition would fire at once; the timer looks for its topic again.
        for source in sources where !source.isPaused && source.nextOffset < source.endOffset ?? .max {
            tokens.append((source.log, source.log.notifyWhenAvailable(at: source.nextOffset) { signal.fire() }))
        }
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(milliseconds))
            signal.fire()
        }
        await withTaskCancellationHandler {
            await signal.wait()
        } onCancel: {
            signal.fire()
        }
        timer.cancel()
        // Idle partitions would otherwise collect one waiter per wait.
        for (log, token) in tokens { log.cancelNotification(token) }
    }
}
