import ArgumentParser
import SQL

/// `kibitz serve`'s options of the SQL engine.
public struct SQLOptions: ParsableArguments, Sendable {
    @Option(help: "The most SQL views and INSERT INTO jobs at once.")
    public var sqlMaxQueries = 100

    @Option(help: "The most rows a SQL view keeps when its result only grows (the oldest go first).")
    public var sqlMaxViewRows = 10_000

    @Option(help: "The most queries `kibitz sql -e` runs at once (the oldest is dropped for a new one).")
    public var sqlMaxTemporaryQueries = 10

    @Option(help: "The most windows a HOP or CUMULATE window may put one row in (size / slide).")
    public var sqlMaxWindowsPerRow = 1_000

    public init() {}

    public func validate() throws {
        guard (1...10_000).contains(sqlMaxQueries) else {
            throw ValidationError("--sql-max-queries must be 1 to 10000")
        }
        guard (1...10_000_000).contains(sqlMaxViewRows) else {
            throw ValidationError("--sql-max-view-rows must be 1 to 10000000")
        }
        guard (1...1_000_000).contains(sqlMaxWindowsPerRow) else {
            throw ValidationError("--sql-max-windows-per-row must be 1 to 1000000")
        }
        guard (1...1_000).contains(sqlMaxTemporaryQueries) else {
            throw ValidationError("--sql-max-temporary-queries must be 1 to 1000")
        }
    }

    /// The engine's configuration from these options.
    func configuration(checkpointIntervalMilliseconds: Int64, bootstrap: String) -> SQLEngineConfiguration {
        SQLEngineConfiguration(
            checkpointIntervalMilliseconds: checkpointIntervalMilliseconds,
            maximumViewRows: sqlMaxViewRows,
            maximumQueries: sqlMaxQueries,
            maximumTemporaryQueries: sqlMaxTemporaryQueries,
            maximumWindowsPerRow: sqlMaxWindowsPerRow,
            localBootstrapServers: bootstrap
        )
    }
}
