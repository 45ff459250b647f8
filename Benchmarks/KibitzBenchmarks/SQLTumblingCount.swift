import ArgumentParser
import EventLog
import Foundation

/// bench/streams' one-minute tumbling count per game as a Swift pipeline and as SQL, on the same
/// file, each over a freshly loaded log, both writing their results to a topic as JSON.
struct SQLTumblingCount: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql-tumbling-count",
        abstract: "The tumbling count per game as a Swift pipeline beside its SQL form (bench/sql/tumbling_count.sql)."
    )

    @Option(help: "The JSON-lines file of moves (../shared/bench/make_events.py writes one).")
    var events: String

    @Option(help: "The SQL form of the query.")
    var query = "bench/sql/tumbling_count.sql"

    @Option(help: "How many times to run each engine, alternating, Swift first.")
    var runs = 1

    func validate() throws {
        for file in [events, query] where !FileManager.default.isReadableFile(atPath: file) {
            throw ValidationError("no readable file at \(file)")
        }
        guard runs > 0 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() async throws {
        let query = try SQLBenchmarkQuery(path: query)
        guard query.sourceNames == ["moves"] else {
            throw BenchmarkFailure("\(query.path) must read the one table moves")
        }
        let lines = try TopicLoader.lines(ofFile: events)
        let row = MarkdownTable.row
        var table = [
            row(["run", "engine", "events", "seconds", "events/s", "SQL to Swift", "process CPU s"]),
            row(["---", "---", "---:", "---:", "---:", "---:", "---:"]),
        ]
        for number in 1...runs {
            let swift = try await Self.onFreshLog(lines) { log, _ in
                try await TumblingCountPerGame.runPipeline(on: log, eventCount: lines.count)
            }
            let sql = try await Self.onFreshLog(lines) { log, directory in
                try await query.run(on: log, dataDirectory: directory + "/sql", events: lines.count, sinks: .topic)
            }
            for (engine, run) in [("Kibitz Streams (Swift pipeline)", swift), ("Kibitz SQL (\(query.name))", sql)] {
                table.append(
                    row([
                        "\(number)", engine, "\(run.events)", String(format: "%.2f", run.seconds),
                        MarkdownTable.rate(run.events, run.seconds),
                        String(format: "%.0f%%", 100 * run.eventsPerSecond / swift.eventsPerSecond),
                        String(format: "%.2f", run.cpuSeconds),
                    ])
                )
            }
        }
        print(table.joined(separator: "\n"))
    }

    /// Runs `body` over a new log holding `lines` in topic "moves".
    private static func onFreshLog(
        _ lines: [ArraySlice<UInt8>],
        _ body: (EventLog, String) async throws -> BenchmarkRun
    ) async throws -> BenchmarkRun {
        let directory = try ScratchDirectory()
        let log = try TopicLoader.scratchLog(in: directory)
        defer { log.close() }
        try TopicLoader.load(lines, into: "moves", of: log)
        return try await body(log, directory.path)
    }
}
