import Broker
import EventLog
import FastJSON
import Foundation
import KafkaProtocol
import NIOCore
import Streams
import Testing

/// Benchmarks that print tables; they run only when asked (see bench/streams/run.sh), never in CI.
@Suite struct StreamsBenchmarks {
    static let environment = ProcessInfo.processInfo.environment

    /// The columns of the peer's file that the Flink SQL table declares.
    struct BenchmarkMove: Codable, JSONObjectDecodable, Sendable {
        var gameID: String
        var color: String
        var uci: String
        var ts: Int64

        enum CodingKeys: String, CodingKey {
            case gameID = "game_id"
            case color, uci, ts
        }

        init(json object: JSONObject) throws {
            gameID = try object.decode(String.self, forKey: "game_id")
            color = try object.decode(String.self, forKey: "color")
            uci = try object.decode(String.self, forKey: "uci")
            ts = try object.decode(Int64.self, forKey: "ts")
        }
    }

    static func lines(of path: String) throws -> [ArraySlice<UInt8>] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return bytes.split(separator: UInt8(ascii: "\n"))
    }

    /// CPU time used by the process so far, every thread included.
    static func processCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1_000_000_000
    }

    static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    static func rate(_ count: Int, _ seconds: Double) -> String {
        let value = Int((Double(count) / seconds).rounded())
        return value.formatted(.number.grouping(.automatic))
    }

    @Test(.enabled(if: environment["STREAMS_BENCH_EVENTS"] != nil))
    func tumblingCountPerGameFromTheLog() async throws {
        let path = Self.environment["STREAMS_BENCH_EVENTS"]!
        let lines = try Self.lines(of: path)
        let directory = ScratchDirectory()
        let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
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

        // Decoding alone, Foundation's decoder against Kibitz's, on the first 200,000 values.
        let sample = Array(lines.prefix(200_000))
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
        let cpuStart = Self.processCPUSeconds()
        let task = Task { try await runner.run() }
        while pipeline.counters.eventsIn < lines.count { try await Task.sleep(for: .milliseconds(1)) }
        task.cancel()
        try await task.value
        let seconds = Date().timeIntervalSince(start)
        let cpuSeconds = Self.processCPUSeconds() - cpuStart
        let results = try log.partition(topic: "moves-per-minute", partition: 0).latestOffset

        let flink = Self.environment["FLINK_EVENTS_PER_SECOND"].flatMap(Double.init)
        let kibitzRate = Double(lines.count) / seconds
        print(
            """

            ## One-minute tumbling count per game, \(lines.count) events from \(path)
            \(Self.row(["engine", "events", "seconds", "events/s", "ratio to Flink"]))
            \(Self.row(["---", "---:", "---:", "---:", "---:"]))
            \(Self.row(["Kibitz Streams (from the log, JSON decoding, sink appends, checkpoints)", "\(lines.count)", String(format: "%.2f", seconds), Self.rate(lines.count, seconds), flink.map { String(format: "%.1f×", kibitzRate / $0) } ?? "n/a"]))
            \(Self.row(["Apache Flink SQL (FLINK_EVENTS_PER_SECOND)", "\(lines.count)", "", flink.map { Int($0).formatted() } ?? "not measured", "1.0×"]))

            \(Self.row(["step", "values", "seconds", "values/s"]))
            \(Self.row(["---", "---:", "---:", "---:"]))
            \(Self.row(["load into the topic (not in the above)", "\(lines.count)", String(format: "%.2f", loadSeconds), Self.rate(lines.count, loadSeconds)]))
            \(Self.row(["decode only, Foundation JSONDecoder", "\(sample.count)", String(format: "%.2f", foundationSeconds), Self.rate(sample.count, foundationSeconds)]))
            \(Self.row(["decode only, FastJSONDecoder", "\(sample.count)", String(format: "%.2f", fastSeconds), Self.rate(sample.count, fastSeconds)]))
            CPU time of the whole process during the pipeline's run: \(String(format: "%.2f", cpuSeconds)) s
            window results in the sink: \(results); late: \(pipeline.counters.late); dead letters: \(pipeline.counters.deadLettered)
            """
        )
        #expect(pipeline.counters.deadLettered == 0)
    }

    /// A value sent by bench/streams/produce_paced.py: its wall-clock send time in nanoseconds.
    struct LatencyProbe: Codable, Sendable {
        var id: Int
        var sentNanoseconds: Int64
        var ts: Int64

        enum CodingKeys: String, CodingKey {
            case id
            case sentNanoseconds = "sent_ns"
            case ts
        }
    }

    @Test(.enabled(if: environment["STREAMS_BENCH_LATENCY"] != nil))
    func produceToViewLatency() async throws {
        let rate = Int(Self.environment["STREAMS_BENCH_RATE"] ?? "10000") ?? 10_000
        let seconds = Int(Self.environment["STREAMS_BENCH_SECONDS"] ?? "10") ?? 10
        let python = Self.environment["STREAMS_BENCH_PYTHON"] ?? ".build/venv/bin/python"
        let directory = ScratchDirectory()
        let log = try EventLog(
            directory: directory.path,
            configuration: EventLog.Configuration(flushPolicy: .interval(milliseconds: 1_000))
        )
        defer { log.close() }
        try log.createTopic("latency", partitions: 1)

        var channel: (any Channel)?
        var port = 0
        for _ in 0..<20 where channel == nil {
            port = Int.random(in: 20_000..<60_000)
            channel = try? await KafkaServer(configuration: BrokerConfiguration(port: port), log: log).bind()
        }
        let server = try #require(channel)
        defer { server.close(promise: nil) }

        let pipeline = Pipeline(name: "bench-latency")
        let view = try pipeline.source("latency", as: LatencyProbe.self, eventTime: \.ts).lastEvents(16)
        let changes = view.changes()
        let runner = PipelineRunner(pipeline: pipeline, log: log)
        let runTask = Task { try await runner.run() }
        let expected = rate * seconds
        let collector = Task { () -> [(id: Int, nanoseconds: Int64)] in
            var latencies: [(id: Int, nanoseconds: Int64)] = []
            latencies.reserveCapacity(expected)
            for await probe in changes {
                var now = timespec()
                clock_gettime(CLOCK_REALTIME, &now)
                latencies.append(
                    (probe.id, Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - probe.sentNanoseconds)
                )
                if latencies.count >= expected { break }
            }
            return latencies
        }

        let producer = Process()
        producer.executableURL = URL(fileURLWithPath: python)
        producer.arguments = [
            "bench/streams/produce_paced.py", "--bootstrap", "127.0.0.1:\(port)", "--topic", "latency",
            "--rate", String(rate), "--seconds", String(seconds),
        ]
        try producer.run()
        producer.waitUntilExit()
        let deadline = Date().addingTimeInterval(5)
        while pipeline.counters.eventsIn < expected, Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        collector.cancel()
        runTask.cancel()
        try await runTask.value
        let latencies = await collector.value
        // The first second warms up connections and the runner; it is left out.
        let steady = latencies.filter { seconds == 1 || $0.id >= rate }.map(\.nanoseconds).sorted()
        func percentile(_ value: Double) -> String {
            guard !steady.isEmpty else { return "n/a" }
            let index = min(steady.count - 1, Int((Double(steady.count) * value / 100).rounded(.up)) - 1)
            return String(format: "%.2f", Double(steady[max(0, index)]) / 1_000_000)
        }
        print(
            """

            ## Produce-to-view latency, \(rate) events/s for \(seconds) s through the broker (confluent-kafka, linger.ms=0)
            \(Self.row(["received", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"]))
            \(Self.row(["---:", "---:", "---:", "---:", "---:", "---:"]))
            \(Self.row(["\(latencies.count) of \(expected) (\(steady.count) after the first second)", percentile(50), percentile(90), percentile(99), percentile(99.9), percentile(100)]))
            """
        )
        #expect(producer.terminationStatus == 0)
    }
}
