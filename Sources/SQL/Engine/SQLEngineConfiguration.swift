import Foundation

/// The SQL engine's limits and settings; `kibitz serve` fills them from its options.
public struct SQLEngineConfiguration: Sendable, Hashable {
    /// Milliseconds between a query's checkpoints while rows flow.
    public var checkpointIntervalMilliseconds: Int64
    /// The most rows a view keeps when its result only ever grows (a projection or filter of a
    /// stream); the oldest go first. Updating results (aggregates, Top-N) keep every current row.
    public var maximumViewRows: Int
    /// The most views, INSERT INTO jobs and running queries at once.
    public var maximumQueries: Int
    /// The most queries run by `kibitz sql -e` (temporary views) at once; the oldest is dropped
    /// for a new one beyond it.
    public var maximumTemporaryQueries: Int
    /// The most windows a HOP or CUMULATE window may put one row in.
    public var maximumWindowsPerRow: Int
    /// This server's own Kafka listener (`host:port`): a table whose
    /// `properties.bootstrap.servers` names it reads the embedded log.
    public var localBootstrapServers: String?

    public init(
        checkpointIntervalMilliseconds: Int64 = 1_000,
        maximumViewRows: Int = 10_000,
        maximumQueries: Int = 100,
        maximumTemporaryQueries: Int = 10,
        maximumWindowsPerRow: Int = 1_000,
        localBootstrapServers: String? = nil
    ) {
        self.checkpointIntervalMilliseconds = checkpointIntervalMilliseconds
        self.maximumViewRows = maximumViewRows
        self.maximumQueries = maximumQueries
        self.maximumTemporaryQueries = maximumTemporaryQueries
        self.maximumWindowsPerRow = maximumWindowsPerRow
        self.localBootstrapServers = localBootstrapServers
    }

    /// Whether every `host:port` of a bootstrap list is this server's own listener.
    func isLocal(_ bootstrapServers: String) -> Bool {
        guard let local = localBootstrapServers, let port = local.split(separator: ":").last else { return false }
        let own: Set<String> = [local, "localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)"]
        return bootstrapServers.split(separator: ",").allSatisfy {
            own.contains($0.trimmingCharacters(in: .whitespaces))
        }
    }
}
