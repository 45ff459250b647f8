import ArgumentParser

/// The `kibitz-benchmarks` command: one subcommand per benchmark, each printing its table.
///
/// Build it in release (`swift build -c release --product kibitz-benchmarks`); the figures of
/// docs/benchmarks.md come from these tables. bench/streams/run.sh runs the Streams ones.
@main
struct KibitzBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kibitz-benchmarks",
        abstract: "Benchmarks of Kibitz's codecs and stream processor; each prints a table.",
        subcommands: [
            RecordBatchThroughput.self, TumblingCountPerGame.self, ProduceToViewLatency.self, SQLQueryThroughput.self,
            SQLTumblingCount.self,
        ]
    )
}
