import EventLog
import FastJSON
import Foundation
import KafkaProtocol
import Locking
import NIOCore

/// A stream processing job: sources, the operators between them, and its sinks and views.
///
/// Build it once with `source(_:as:eventTime:)` and the operators of `Stream`, then hand it to a
/// `PipelineRunner` (over the event log, with checkpoints) or a `TestDriver` (in memory).
///
/// ```swift
/// let pipeline = Pipeline(name: "chess")
/// let moves = pipeline.source(ChessMoveEvent.topic, as: ChessMoveEvent.self, eventTime: \.ts)
/// moves.keyBy(\.gameID).window(.tumbling(.seconds(60))).count().sink(topic: "chess.moves_per_minute")
/// let recent = moves.lastEvents(50)
/// ```
public final class Pipeline: @unchecked Sendable {
    // Unchecked: the graph is built on one thread and then driven by exactly one processing task
    // (the runner's or the test driver's); views read their own locked copies, never this object.
    // The runner's decoding threads only read the source bindings, which never change once built.

    /// The pipeline's name: its checkpoint directory and its dead-letter topic derive from it.
    public let name: String
    public let configuration: PipelineConfiguration
    /// The pipeline's state, apart from its operators.
    public let state = StateStore()
    /// Running totals: events in and out, late, dead-lettered.
    public let counters = PipelineCounters()
    /// Keeps a damaged source batch met on every read from logging at the speed of the loop.
    let unreadableBatchWarnings = LogRateLimiter(interval: .seconds(10))

    // The properties read or written for every event skip the runtime exclusivity checks: only the
    // one processing task touches them (see above), and the checks cost more than the work.
    @usableFromInline @exclusivity(unchecked) var sourceBindings: [String: [SourceBinding]] = [:]
    /// How each source topic is read; topics not listed start at the earliest offset, unbounded.
    @usableFromInline var sourceReadings: [String: SourceReading] = [:]
    private let finishedInput = Locked(false)
    private let caughtUp = Locked(false)
    private(set) var sinkTopics: Set<String> = []
    @exclusivity(unchecked) private var watermarkObservers: [(Int64) -> Void] = []
    /// Every watermark observer in one function, made on first use like the graph's receivers.
    @exclusivity(unchecked) private var fusedWatermarkObserver: ((Int64) -> Void)?
    @exclusivity(unchecked) private var pendingOutput: [OutputRecord] = []
    private var stateNameCount = 0
    @usableFromInline let jsonDecoder = FastJSONDecoder()
    let jsonEncoder = FastJSONEncoder()

    /// Event-time progress per source partition when a runner reads several.
    @usableFromInline @exclusivity(unchecked) var partitionTimes = PartitionTimes()

    /// The largest event time seen so far, in milliseconds.
    @exclusivity(unchecked) public private(set) var maximumEventTime: Int64 = .min
    /// Event time up to which the pipeline considers its input complete, in milliseconds.
    @exclusivity(unchecked) public private(set) var watermark: Int64 = .min

    /// Creates an empty pipeline.
    public init(name: String, configuration: PipelineConfiguration = PipelineConfiguration()) {
        self.name = name
        self.configuration = configuration
    }

    /// Whether every source is bounded and was read to its end (see `SourceReading.isBounded`):
    /// every window has closed and the results are final. Readable from any thread.
    public var hasFinishedInput: Bool { finishedInput.withLock { $0 } }

    /// Whether the pipeline has at some point read every source to the end of its log: its views
    /// reflect what was in the topics when it started. Readable from any thread.
    public var hasCaughtUp: Bool { caughtUp.withLock { $0 } }

    func noteCaughtUp() {
        caughtUp.withLock { $0 = true }
    }

    /// How `topic` is read.
    public func reading(of topic: String) -> SourceReading { sourceReadings[topic] ?? SourceReading() }

    /// Notes that the bounded input was read to its end: the watermark moves to the end of time.
    func finishInput() {
        advanceWatermark(to: .max)
        finishedInput.withLock { $0 = true }
    }

    /// Where records that do not decode go, with the reason.
    public var deadLetterTopic: String { name + ".dead-letter" }

    /// The topics the pipeline reads.
    public var sourceTopics: [String] { sourceBindings.keys.sorted() }

    /// Every topic the pipeline writes, the dead-letter topic included.
    public var outputTopics: [String] { (sinkTopics.union([deadLetterTopic])).sorted() }

    /// Reads `topics`, decoding each value from JSON into `Value`, with event time taken from the value.
    ///
    /// A record whose value does not decode goes to the dead-letter topic with the reason. A `Value`
    /// that conforms to `JSONObjectDecodable` is decoded by it, which is faster than `Decodable`.
    @inlinable
    public func source<Value: Decodable>(
        _ topics: String...,
        as type: Value.Type,
        eventTime: @escaping (Value) -> Int64
    ) -> Stream<Value> {
        source(topics: topics, as: type, eventTime: eventTime)
    }

    /// Reads `topics`, decoding each value from JSON into `Value`; event time is the record's timestamp.
    @inlinable
    public func source<Value: Decodable>(_ topics: String..., as type: Value.Type) -> Stream<Value> {
        source(topics: topics, as: type, eventTime: nil)
    }

    /// Reads `topics`, decoding each value from JSON into `Value`, with event time from the value
    /// when `eventTime` is given and from the record's timestamp otherwise.
    @inlinable
    public func source<Value: Decodable>(
        topics: [String],
        as type: Value.Type,
        eventTime: ((Value) -> Int64)?
    ) -> Stream<Value> {
        source(topics: topics, decodingWith: jsonDecoder.decoding(type), eventTime: eventTime)
    }

    /// Reads `topics`, decoding each value's bytes with `decode`, for values that are not JSON or
    /// that another decoder reads (bench/json plugs simdjson in here to measure it against FastJSON).
    ///
    /// `decode` may run on another thread than the pipeline's, one chunk of records at a time; the
    /// bytes are valid only during the call. A value it throws for goes to the dead-letter topic
    /// with the error's reason. Event time is from the value when `eventTime` is given and from the
    /// record's timestamp otherwise. `reading` says where a first run starts and whether it stops.
    @inlinable
    public func source<Value>(
        topics: [String],
        decodingWith decode: @escaping (UnsafeRawBufferPointer) throws -> Value,
        eventTime: ((Value) -> Int64)?,
        reading: SourceReading = SourceReading()
    ) -> Stream<Value> {
        source(
            topics: topics,
            decodingRecordsWith: { bytes, _ in try decode(bytes) },
            eventTime: eventTime,
            reading: reading
        )
    }

    /// Reads `topics` as `source(topics:decodingWith:eventTime:reading:)` does, with `decode` also
    /// given where each record is (its topic, partition, offset and timestamp), for values that
    /// carry some of it (a SQL table's metadata columns).
    @inlinable
    public func source<Value>(
        topics: [String],
        decodingRecordsWith decode: @escaping (UnsafeRawBufferPointer, SourceRecordMetadata) throws -> Value,
        eventTime: ((Value) -> Int64)?,
        reading: SourceReading = SourceReading()
    ) -> Stream<Value> {
        for topic in topics where reading != SourceReading() { sourceReadings[topic] = reading }
        let node = StreamNode<Value>()
        let binding = SourceBinding(
            decode: { records in
                var timestamps: [Int64] = []
                var outcomes: [Result<Value, SourceDecodingFailure>] = []
                timestamps.reserveCapacity(records.recordCount)
                outcomes.reserveCapacity(records.recordCount)
                records.forEachValue { bytes, position in
                    timestamps.append(position.timestamp)
                    guard let bytes else {
                        let reason = "the record has no value (a tombstone)"
                        let failed = records.sourceRecord(at: position)
                        outcomes.append(.failure(SourceDecodingFailure(record: failed, reason: reason)))
                        return
                    }
                    do {
                        let metadata = SourceRecordMetadata(
                            topic: records.topic,
                            partition: records.partition,
                            offset: position.offset,
                            timestamp: position.timestamp
                        )
                        outcomes.append(.success(try decode(bytes, metadata)))
                    } catch {
                        let failed = records.sourceRecord(at: position)
                        outcomes.append(
                            .failure(SourceDecodingFailure(record: failed, reason: DecodingErrorReason.describe(error)))
                        )
                    }
                }
                return DecodedValues(timestamps: timestamps, outcomes: outcomes)
            },
            deliverer: { [unowned self] decoded in
                // Taken once per chunk, so the per-event closure calls them as captured constants.
                let (pipeline, emit, observeWatermark) = (self, node.receiver(), watermarkObserver())
                let timestamps = decoded.timestamps
                let outcomes = decoded.outcomes as! [Result<Value, SourceDecodingFailure>]
                return { index in
                    switch outcomes[index] {
                    case .success(let value):
                        let time = eventTime?(value) ?? timestamps[index]
                        emit(value, time)
                        pipeline.observeEventTime(time, notifying: observeWatermark)
                    case .failure(let failure):
                        pipeline.deadLetter(failure.record, reason: failure.reason)
                    }
                }
            }
        )
        for topic in topics { sourceBindings[topic, default: []].append(binding) }
        return Stream(pipeline: self, node: node)
    }

    /// Decodes `records` of one source partition with every binding of their topic; the result
    /// feeds them through the graph. Decoding touches nothing of the pipeline, so it may run on
    /// another thread; delivery must run on the pipeline's task.
    func decode(_ records: SourceRecords) -> [DecodedValues] {
        (sourceBindings[records.topic] ?? []).map { $0.decode(records) }
    }

    /// Feeds decoded records through the graph, record by record (each through every binding of
    /// its topic, in declaration order).
    func deliver(_ decoded: [DecodedValues], topic: String) {
        guard let bindings = sourceBindings[topic], let count = decoded.first?.timestamps.count else { return }
        let deliveries = zip(bindings, decoded).map { binding, values in binding.deliverer(values) }
        if deliveries.count == 1 {
            // The common case, without walking the array for every record.
            let delivery = deliveries[0]
            for index in 0..<count { delivery(index) }
        } else {
            for index in 0..<count {
                for delivery in deliveries { delivery(index) }
            }
        }
        counters.eventsInStorage.add(count, ordering: .relaxed)
    }

    /// Feeds one source record through the graph.
    func process(_ record: SourceRecord) {
        guard sourceBindings[record.topic] != nil else {
            counters.eventsInStorage.add(1, ordering: .relaxed)
            return
        }
        deliver(decode(SourceRecords(record)), topic: record.topic)
    }

    /// Moves the watermark forward (never back) and lets windows close.
    func advanceWatermark(to newWatermark: Int64) {
        advanceWatermark(to: newWatermark, notifying: watermarkObserver())
    }

    /// Moves the watermark forward and calls `observer`, the pipeline's `watermarkObserver()`, which
    /// the per-event path holds as a constant: calling it from there takes no retain.
    @inline(__always)
    func advanceWatermark(to newWatermark: Int64, notifying observer: (Int64) -> Void) {
        guard newWatermark > watermark else { return }
        watermark = newWatermark
        observer(newWatermark)
    }

    /// The one function that tells every observer of a new watermark; once it is made, no observer
    /// can be added.
    @usableFromInline
    func watermarkObserver() -> (Int64) -> Void {
        if let fusedWatermarkObserver { return fusedWatermarkObserver }
        let observers = watermarkObservers
        let fused: (Int64) -> Void =
            switch observers.count {
            case 0: { _ in }
            case 1: observers[0]
            default: { watermark in for observer in observers { observer(watermark) } }
            }
        fusedWatermarkObserver = fused
        return fused
    }

    /// Restores event-time progress from a checkpoint.
    func restoreTime(maximumEventTime: Int64, watermark: Int64) {
        self.maximumEventTime = maximumEventTime
        self.watermark = watermark
    }

    /// Notes an event's time; the watermark follows the largest (of the slowest partition with
    /// records to read, when there are several), less the allowed out-of-orderness.
    @usableFromInline
    func observeEventTime(_ time: Int64, notifying observer: (Int64) -> Void) {
        if partitionTimes.isTracking {
            if time > maximumEventTime { maximumEventTime = time }
            guard partitionTimes.raise(to: time) else { return }
            advanceWatermark(from: partitionTimes.low, notifying: observer)
            return
        }
        guard time > maximumEventTime else { return }
        maximumEventTime = time
        advanceWatermark(from: time, notifying: observer)
    }

    /// Moves the watermark to `time` less the allowed out-of-orderness.
    @usableFromInline
    func advanceWatermark(from time: Int64, notifying observer: (Int64) -> Void) {
        let (candidate, overflow) = time.subtractingReportingOverflow(configuration.allowedOutOfOrdernessMilliseconds)
        advanceWatermark(to: overflow ? .min : candidate, notifying: observer)
    }

    /// Tracks event time per source partition for `count` partitions (the runner's).
    func trackPartitions(count: Int) {
        partitionTimes.reset(count: count)
    }

    /// The partition whose records are delivered next.
    func selectPartition(_ index: Int) {
        partitionTimes.current = index
    }

    /// Marks a source partition idle (read to its end) or active again; an idle one no longer
    /// holds the watermark back.
    func setPartition(_ index: Int, idle: Bool) {
        guard partitionTimes.setIdle(idle, partition: index) else { return }
        advanceWatermark(from: partitionTimes.low, notifying: watermarkObserver())
    }

    @usableFromInline
    func onWatermark(_ observer: @escaping (Int64) -> Void) {
        precondition(fusedWatermarkObserver == nil, "a pipeline cannot grow once events flow through it")
        watermarkObservers.append(observer)
    }

    /// A stable name for state the user did not name: its kind and its place in the declaration order.
    @usableFromInline
    func stateName(_ requested: String?, kind: String) -> String {
        stateNameCount += 1
        return requested ?? "\(kind)-\(stateNameCount)"
    }

    func declareSink(_ topic: String) {
        sinkTopics.insert(topic)
    }

    /// Stages a record for `topic`; it is appended at the next checkpoint.
    func emit(topic: String, key: String?, value: Data, timestamp: Int64) {
        pendingOutput.append(
            OutputRecord(topic: topic, key: key.map { Data($0.utf8) }, value: value, timestamp: timestamp)
        )
        if topic != deadLetterTopic { counters.eventsOutStorage.add(1, ordering: .relaxed) }
    }

    var pendingOutputCount: Int { pendingOutput.count }

    /// The staged records, in emission order; the pipeline forgets them.
    func takeOutput() -> [OutputRecord] {
        defer { pendingOutput.removeAll(keepingCapacity: true) }
        return pendingOutput
    }

    /// Dead-letters a value that failed after it was decoded (a SQL expression that failed on a
    /// row): `topic` is where it came from as far as known; its partition and offset are -1.
    public func deadLetter(value: String, reason: String, topic: String, timestamp: Int64) {
        deadLetter(
            SourceRecord(
                topic: topic,
                partition: -1,
                offset: -1,
                timestamp: timestamp,
                value: ByteBuffer(string: value)
            ),
            reason: reason
        )
    }

    @usableFromInline
    func deadLetter(_ record: SourceRecord, reason: String) {
        counters.deadLetteredStorage.add(1, ordering: .relaxed)
        let letter = DeadLetter(
            pipeline: name,
            topic: record.topic,
            partition: record.partition,
            offset: record.offset,
            reason: reason,
            value: record.value.map { String(decoding: $0.readableBytesView, as: UTF8.self) }
        )
        let bytes = (try? jsonEncoder.encode(letter)) ?? Data("{}".utf8)
        emit(topic: deadLetterTopic, key: nil, value: bytes, timestamp: record.timestamp)
    }
}
