import EventLog
import Foundation
import KafkaProtocol
import Logging
import NIOCore
import Streams

/// bench/streams's pipeline (StreamsTests' `tumblingCountPerGameFromTheLog`: a one-minute tumbling
/// count per game from a one-partition topic of the embedded log, sink appends and checkpoints
/// included) with the source's decoder as a parameter.
final class PipelineBenchmark {
    let directory: String
    let log: EventLog
    let eventCount: Int
    /// Warnings only: the log's and the runner's notes about each run's topics would drown the tables.
    static let logger: Logger = {
        var logger = Logger(label: "kibitz.json-bench")
        logger.logLevel = .warning
        return logger
    }()
    private var runs = 0

    /// Loads the lines into a fresh log's `moves` topic, 1,000 records a batch; loading stands for
    /// producers having filled the topic earlier and is not measured.
    init(contents: [UInt8], lines: [Range<Int>]) throws {
        directory = NSTemporaryDirectory() + "kibitz-json-bench-" + UUID().uuidString
        log = try EventLog(
            directory: directory,
            configuration: EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil),
            logger: Self.logger
        )
        eventCount = lines.count
        try log.createTopic("moves", partitions: 1)
        let partition = try log.partition(topic: "moves", partition: 0)
        var index = 0
        while index < lines.count {
            let end = min(index + 1_000, lines.count)
            let batch = RecordBatch(
                baseTimestamp: 1_700_000_000_000,
                records: (index..<end).map { position in
                    Record(offsetDelta: Int32(position - index), value: ByteBuffer(bytes: contents[lines[position]]))
                }
            )
            var buffer = ByteBuffer()
            try batch.encode(into: &buffer)
            _ = try partition.append(buffer)
            index = end
        }
    }

    deinit {
        log.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs the pipeline over every event once, each run with its own name and sink topic so that
    /// it starts from no checkpoint; returns wall-clock and process CPU seconds.
    func run(
        decodingWith decode: @escaping (UnsafeRawBufferPointer) throws -> BenchmarkMove
    ) async throws -> (seconds: Double, cpuSeconds: Double) {
        runs += 1
        let pipeline = Pipeline(name: "bench-window-count-\(runs)")
        try pipeline.source(topics: ["moves"], decodingWith: decode, eventTime: \.ts)
            .keyBy(\.gameID)
            .window(.tumbling(.seconds(60)))
            .count()
            .sink(topic: "moves-per-minute-\(runs)", key: \.key)
        let runner = PipelineRunner(pipeline: pipeline, log: log, logger: Self.logger)
        let start = ContinuousClock.now
        let cpuStart = Self.processCPUSeconds()
        let task = Task { try await runner.run() }
        while pipeline.counters.eventsIn < eventCount { try await Task.sleep(for: .milliseconds(1)) }
        task.cancel()
        try await task.value
        let elapsed = ContinuousClock.now - start
        let cpuSeconds = Self.processCPUSeconds() - cpuStart
        guard pipeline.counters.deadLettered == 0 else {
            throw SimdjsonMoveDecoder.Failure(description: "\(pipeline.counters.deadLettered) events dead-lettered")
        }
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, cpuSeconds)
    }

    /// CPU time used by the process so far, every thread included.
    static func processCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1_000_000_000
    }
}
