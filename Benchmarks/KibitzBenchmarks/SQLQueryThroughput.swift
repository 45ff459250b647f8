import ArgumentParser
import Foundation

/// One query file of bench/sql run by Kibitz's SQL engine over topics filled from JSON-lines files.
///
/// The Kibitz side of bench/sql/run.sh; Flink's rate on the same files comes in as an option, so
/// the table shows the ratio.
struct SQLQueryThroughput: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Runs a bench/sql query file as an INSERT INTO job over topics loaded from JSON-lines files."
    )

    @Option(
        parsing: .upToNextOption,
        help: "JSON-lines files, each loaded into a topic named after the file (bids.jsonl: topic bids)."
    )
    var events: [String]

    @Option(help: "The query file, with {{source NAME}} and {{sink NAME}} placeholders (see bench/sql).")
    var query: String

    @Option(help: "Apache Flink SQL's rate on the same files, for the ratio column.")
    var flinkEventsPerSecond: Double?

    func validate() throws {
        guard !events.isEmpty else { throw ValidationError("--events: name at least one file") }
        for file in events + [query] where !FileManager.default.isReadableFile(atPath: file) {
            throw ValidationError("no readable file at \(file)")
        }
        if let flinkEventsPerSecond, flinkEventsPerSecond <= 0 {
            throw ValidationError("--flink-events-per-second must be above 0")
        }
    }

    func run() async throws {
        let query = try SQLBenchmarkQuery(path: query)
        let directory = try ScratchDirectory()
        let log = try TopicLoader.scratchLog(in: directory)
        defer { log.close() }
        var counts: [String: Int] = [:]
        for file in events {
            let topic = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let lines = try TopicLoader.lines(ofFile: file)
            try TopicLoader.load(lines, into: topic, of: log)
            counts[topic] = lines.count
        }
        var total = 0
        for source in query.sourceNames {
            guard let count = counts[source] else {
                throw BenchmarkFailure("\(query.path) reads '\(source)'; pass --events with a file \(source).jsonl")
            }
            total += count
        }
        let run = try await query.run(
            on: log,
            dataDirectory: directory.path + "/sql",
            events: total,
            sinks: .blackhole
        )
        let row = MarkdownTable.row
        print(
            """
            \(row(["query", "engine", "events", "seconds", "events/s", "ratio to Flink", "process CPU s"]))
            \(row(["---", "---", "---:", "---:", "---:", "---:", "---:"]))
            \(row([query.name, "Kibitz SQL", "\(total)", String(format: "%.2f", run.seconds), MarkdownTable.rate(total, run.seconds), flinkEventsPerSecond.map { String(format: "%.1f×", run.eventsPerSecond / $0) } ?? "n/a", String(format: "%.2f", run.cpuSeconds)]))
            late: \(run.counters.late)
            """
        )
    }
}
