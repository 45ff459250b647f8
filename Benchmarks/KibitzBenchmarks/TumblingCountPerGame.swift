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
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: events)))
        let lines = bytes.split(separator: UInt8(ascii: "\n"))
        let directory = try ScratchDirectory()
        let log = try EventLog(
            directory: directory.path,
            configuration: EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)
        )
        defer { log.close() }
        try log.createTopic("moves", partitions: 1)
        let partition = try log.partition(topic: "moves", partition: 0)

        // Loading is not measured: it stands for producers having filled the topic earlier.
        let loadStart = Date()
        var index = 0
        while index < lines.count {
            let end = min(index + 1_000, lines.count)
            let batch = RecordBatch(
                baseTimestamp: 1_700_000_000_000,
                records: (index..<end).map { position in
                    Record(offsetDelta: Int32(position - index), value: ByteBuffer(bytes: lines[position]))
                }
            )
            var buffer = ByteBuffer()
            try batch.encode(into: &buffer)
            _ = try partition.append(buffer)
            index = end
        }
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
        while pipeline.counters.eventsIn < lines.count { try await Task.sleep(for: .milliseconds(1)) }
        task.cancel()
        try await task.value
        let seconds = Date().timeIntervalSince(start)
        let cpuSeconds = CPUClock.processSeconds() - cpuStart
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
            window results in the sink: \(results); late: \(pipeline.counters.late); dead letters: \(pipeline.counters.deadLettered)
            """
        )
        guard pipeline.counters.deadLettered == 0 else {
            throw BenchmarkFailure("\(pipeline.counters.deadLettered) events went to the dead letters")
        }
    }
}
