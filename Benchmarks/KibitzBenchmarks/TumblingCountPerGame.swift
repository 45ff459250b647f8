import ArgumentParser
import EventLog
import FastJSON
import Foundation
import KafkaProtocol
import NIOCore
import Streams

/// A one-minute tumbling count per game over a file of moves, read from the embedded log.
///
/// The Kibitz side of bench/streams/run.sh; Flink's rate on the same file comes in as an option,
/// so the table shows the ratio.
struct TumblingCountPerGame: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tumbling-count",
        abstract: "One-minute tumbling count per game over a JSON-lines file of moves, from the embedded log."
    )

    @Option(help: "The JSON-lines file of moves (../shared/bench/make_events.py writes one).")
    var events: String

    @Option(help: "Apache Flink SQL's rate on the same file, for the ratio column.")
    var flinkEventsPerSecond: Double?

    /// How many values the decode-only rows decode.
    static let decodeSampleCount = 200_000

    func validate() throws {
        guard FileManager.default.isReadableFile(atPath: events) else {
            throw ValidationError("--events: no readable file at \(events)")
        }
        if let flinkEventsPerSecond, flinkEventsPerSecond <= 0 {
            throw ValidationError("--flink-events-per-second must be above 0")
        }
    }

    func run() async throws {
        let lines = try TopicLoader.lines(ofFile: events)
        let directory = try ScratchDirectory()
        let log = try TopicLoader.scratchLog(in: directory)
        defer { log.close() }

        // Loading is not measured: it stands for producers having filled the topic earlier.
        let loadStart = Date()
        try TopicLoader.load(lines, into: "moves", of: log)
        let loadSeconds = Date().timeIntervalSince(loadStart)

        // Decoding alone, Foundation's decoder against Kibitz's, on the first values.
        let sample = Array(lines.prefix(Self.decodeSampleCount))
        var decodeStart = Date()
        let foundation = JSONDecoder()
        for line in sample { _ = try foundation.decode(BenchmarkMove.self, from: Data(line)) }
        let foundationSeconds = Date().timeIntervalSince(decodeStart)
        decodeStart = Date()
        let fast = FastJSONDecoder()
        for line in sample { _ = try line.withUnsafeBytes { try fast.decode(BenchmarkMove.self, from: $0) } }
        let fastSeconds = Date().timeIntervalSince(decodeStart)

        let run = try await Self.runPipeline(on: log, eventCount: lines.count)
        let (seconds, cpuSeconds, pipelineCounters) = (run.seconds, run.cpuSeconds, run.counters)
        let results = try log.partition(topic: "moves-per-minute", partition: 0).latestOffset

        let kibitzRate = Double(lines.count) / seconds
        let row = MarkdownTable.row
        let rate = MarkdownTable.rate
        print(
            """

            ## One-minute tumbling count per game, \(lines.count) events from \(events)
            \(row(["engine", "events", "seconds", "events/s", "ratio to Flink"]))
            \(row(["---", "---:", "---:", "---:", "---:"]))
            \(row(["Kibitz Streams (from the log, JSON decoding, sink appends, checkpoints)", "\(lines.count)", String(format: "%.2f", seconds), rate(lines.count, seconds), flinkEventsPerSecond.map { String(format: "%.1f×", kibitzRate / $0) } ?? "n/a"]))
            \(row(["Apache Flink SQL (--flink-events-per-second)", "\(lines.count)", "", flinkEventsPerSecond.map { Int($0).formatted() } ?? "not measured", "1.0×"]))

            \(row(["step", "values", "seconds", "values/s"]))
            \(row(["---", "---:", "---:", "---:"]))
            \(row(["load into the topic (not in the above)", "\(lines.count)", String(format: "%.2f", loadSeconds), rate(lines.count, loadSeconds)]))
            \(row(["decode only, Foundation JSONDecoder", "\(sample.count)", String(format: "%.2f", foundationSeconds), rate(sample.count, foundationSeconds)]))
            \(row(["decode only, FastJSONDecoder", "\(sample.count)", String(format: "%.2f", fastSeconds), rate(sample.count, fastSeconds)]))
            CPU time of the whole process during the pipeline's run: \(String(format: "%.2f", cpuSeconds)) s
            window results in the sink: \(results); late: \(pipelineCounters.late); dead letters: \(pipelineCounters.deadLettered)
            """
        )
        guard pipelineCounters.deadLettered == 0 else {
            throw BenchmarkFailure("\(pipelineCounters.deadLettered) events went to the dead letters")
        }
    }

    /// Runs the one-minute tumbling count per game over the `eventCount` moves of topic "moves"
    /// in `log`, into topic "moves-per-minute", until the last checkpoint after the last move.
    static func runPipeline(on log: EventLog, eventCount: Int) async throws -> BenchmarkRun {
        let pipeline = Pipeline(name: "bench-window-count")
        try pipeline.source("moves", as: BenchmarkMove.self, eventTime: \.ts)
            .keyBy(\.gameID)
            .window(.tumbling(.seconds(60)))
            .count()
            .sink(topic: "moves-per-minute", key: \.key)
        let runner = PipelineRunner(pipeline: pipeline, log: log)
        let start = Date()
        let cpuStart = CPUClock.processSeconds()
        let task = Task { try await runner.run() }
        while pipeline.counters.eventsIn < eventCount { try await Task.sleep(for: .milliseconds(1)) }
        task.cancel()
        try await task.value
        return BenchmarkRun(
            events: eventCount,
            seconds: Date().timeIntervalSince(start),
            cpuSeconds: CPUClock.processSeconds() - cpuStart,
            counters: pipeline.counters
        )
    }
}
