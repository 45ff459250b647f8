import EventLog
import Foundation
import SQL

/// A query file of bench/sql, written once for both engines: its CREATE TABLE statements say
/// `WITH ({{source NAME}})` and `WITH ({{sink NAME}})`, which each harness fills for its engine.
struct SQLBenchmarkQuery {
    /// Where the query's rows go in Kibitz.
    enum SinkKind {
        /// Dropped after every operator ran, as Flink's blackhole sink does.
        case blackhole
        /// Encoded as JSON and appended to a topic named after the table, as a Swift pipeline's sink does.
        case topic
    }

    let path: String
    let text: String

    init(path: String) throws {
        self.path = path
        text = try String(contentsOfFile: path, encoding: .utf8)
    }

    // Regexes are not Sendable, so each use makes its own.
    private static var source: Regex<(Substring, Substring)> { #/\{\{source (\w+)\}\}/# }
    private static var sink: Regex<(Substring, Substring)> { #/\{\{sink (\w+)\}\}/# }

    /// The tables the query reads, which are also their topics' names.
    var sourceNames: [String] { text.matches(of: Self.source).map { String($0.output.1) } }

    /// The query's file name, which names it in the tables.
    var name: String { URL(fileURLWithPath: path).lastPathComponent }

    /// The query with its placeholders filled for Kibitz: each source a bounded Kafka table over its
    /// topic of the embedded log, read from the start.
    func kibitzScript(sinks: SinkKind) -> String {
        text.replacing(Self.source) { match in
            "'connector' = 'kafka', 'topic' = '\(match.output.1)', 'format' = 'json',"
                + " 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset'"
        }
        .replacing(Self.sink) { match in
            switch sinks {
            case .blackhole: "'connector' = 'blackhole'"
            case .topic: "'connector' = 'kafka', 'topic' = '\(match.output.1)', 'format' = 'json'"
            }
        }
    }

    /// Runs the query's INSERT INTO job on a fresh SQL engine over `log` until it has read its
    /// bounded sources to their ends and taken its last checkpoint; `events` is how many records
    /// its sources hold.
    func run(on log: EventLog, dataDirectory: String, events: Int, sinks: SinkKind) async throws -> BenchmarkRun {
        let engine = SQLEngine(storage: log, dataDirectory: dataDirectory)
        let start = Date()
        let cpuStart = CPUClock.processSeconds()
        _ = try await engine.execute(kibitzScript(sinks: sinks))
        guard let job = await engine.runningJobs.first else {
            throw BenchmarkFailure("\(path) started no INSERT INTO job")
        }
        while !job.hasFinishedInput {
            if let reason = job.failureReason { throw BenchmarkFailure("\(path) stopped: \(reason)") }
            try await Task.sleep(for: .milliseconds(1))
        }
        await engine.shutdown()
        let seconds = Date().timeIntervalSince(start)
        let cpuSeconds = CPUClock.processSeconds() - cpuStart
        guard job.pipeline.counters.deadLettered == 0 else {
            throw BenchmarkFailure("\(job.pipeline.counters.deadLettered) events of \(path) went to the dead letters")
        }
        guard job.pipeline.counters.eventsIn == events else {
            throw BenchmarkFailure("\(path) read \(job.pipeline.counters.eventsIn) events of \(events)")
        }
        return BenchmarkRun(events: events, seconds: seconds, cpuSeconds: cpuSeconds, counters: job.pipeline.counters)
    }
}
