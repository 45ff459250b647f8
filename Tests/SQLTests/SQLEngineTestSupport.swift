import EventLog
import Foundation
import SQL

/// A SQL engine over an event log in a fresh directory, removed with the value.
final class EngineFixture {
    let directory: String
    let log: EventLog
    let engine: SQLEngine

    init(configuration: SQLEngineConfiguration = SQLEngineConfiguration(checkpointIntervalMilliseconds: 50)) throws {
        directory = NSTemporaryDirectory() + "sql-engine-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        log = try EventLog(
            directory: directory + "/log",
            configuration: EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)
        )
        engine = SQLEngine(storage: log, dataDirectory: directory, configuration: configuration)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// The error `script` is refused with.
    func refusal(_ script: String) async -> SQLError? {
        do {
            _ = try await engine.execute(script)
            return nil
        } catch {
            return error
        }
    }

    /// The plan EXPLAIN prints for `query`, after `setup` ran.
    func plan(_ query: String) async throws -> String {
        let results = try await engine.execute("EXPLAIN " + query)
        return results.first?.plan ?? ""
    }

    static let movesTable = """
        CREATE TABLE moves (game_id STRING, color STRING, piece STRING, ply INT, ts BIGINT,
          rt AS TO_TIMESTAMP_LTZ(ts, 3), WATERMARK FOR rt AS rt - INTERVAL '5' SECOND)
        WITH ('connector' = 'kafka', 'topic' = 'moves', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset')
        """

    static let gamesTable = """
        CREATE TABLE games (game_id STRING, event STRING, white STRING, ts BIGINT,
          rt AS TO_TIMESTAMP_LTZ(ts, 3), WATERMARK FOR rt AS rt - INTERVAL '5' SECOND)
        WITH ('connector' = 'kafka', 'topic' = 'games', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset')
        """
}
