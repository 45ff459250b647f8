import ArgumentParser
import Broker
import EventLog
import Foundation
import NIOCore
import Streams

/// The time from a client's send to the change of a pipeline's view, through the in-process broker.
///
/// bench/streams/produce_paced.py (confluent-kafka, linger.ms=0) sends values stamped with their
/// send time; the `lastEvents` view's change subscription reads the clock on delivery.
struct ProduceToViewLatency: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Produce-to-view latency through the in-process broker, paced by bench/streams/produce_paced.py."
    )

    @Option(help: "Events the producer sends per second.")
    var rate = 10_000

    @Option(help: "Seconds the producer sends for; the first is left out of the percentiles unless it is the only one.")
    var seconds = 10

    @Option(help: "The Python with confluent-kafka that runs the producer.")
    var python = ".build/venv/bin/python"

    @Option(help: "The producer script.")
    var producer = "bench/streams/produce_paced.py"

    func validate() throws {
        guard rate > 0 else { throw ValidationError("--rate must be above 0") }
        guard seconds > 0 else { throw ValidationError("--seconds must be above 0") }
    }

    func run() async throws {
        let directory = try ScratchDirectory()
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
        guard let server = channel else { throw BenchmarkFailure("found no free port for the broker") }
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

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            producer, "--bootstrap", "127.0.0.1:\(port)", "--topic", "latency",
            "--rate", String(rate), "--seconds", String(seconds),
        ]
        try process.run()
        process.waitUntilExit()
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
        let row = MarkdownTable.row
        print(
            """

            ## Produce-to-view latency, \(rate) events/s for \(seconds) s through the broker (confluent-kafka, linger.ms=0)
            \(row(["received", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"]))
            \(row(["---:", "---:", "---:", "---:", "---:", "---:"]))
            \(row(["\(latencies.count) of \(expected) (\(steady.count) after the first second)", percentile(50), percentile(90), percentile(99), percentile(99.9), percentile(100)]))
            """
        )
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure("the producer exited with status \(process.terminationStatus)")
        }
    }
}
