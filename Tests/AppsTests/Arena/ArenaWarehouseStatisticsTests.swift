import Apps
import Foundation
import Prometheus
import Testing

@Suite struct ArenaWarehouseStatisticsTests {
    @Test func addsWhatWorkersSetAsideToTheSnapshotAndTheMetrics() throws {
        let registry = PrometheusCollectorRegistry()
        let statistics = ArenaWarehouseStatistics(registry: registry)
        statistics.record(setAside: ArenaSetAside(ignoredRecords: 3, repeatedGames: 1))
        statistics.record(setAside: ArenaSetAside(ignoredRecords: 2, abandonedGames: 4))
        statistics.record(deadLetters: 2)
        statistics.record(openGames: 5, worker: 0)
        statistics.record(openGames: 2, worker: 1)
        statistics.record(openGames: 1, worker: 0)

        let snapshot = statistics.snapshot()
        #expect(snapshot.setAside == ArenaSetAside(ignoredRecords: 5, abandonedGames: 4, repeatedGames: 1))
        #expect(snapshot.deadLetters == 2 && snapshot.openGames == 3)
        let lines = Set(registry.emitToString().split(separator: "\n").map(String.init))
        for expected in [
            "arena_etl_ignored_records_total 5", "arena_etl_abandoned_games_total 4",
            "arena_etl_repeated_games_total 1", "arena_etl_dead_letters_total 2", "arena_etl_open_games 3.0",
            #"arena_etl_rows_written_total{table="game_meta"} 0"#,
        ] {
            #expect(lines.contains(expected), "\(expected) in /metrics")
        }
    }

    @Test func liveChannelsGetTheSnapshotThenEachChange() async throws {
        let statistics = ArenaWarehouseStatistics()
        statistics.record(workers: 2)
        var snapshots = statistics.snapshots().makeAsyncIterator()
        #expect(await snapshots.next()?.workers == 2)
        statistics.record(deadLetters: 3)
        #expect(await snapshots.next()?.deadLetters == 3)
        statistics.record(openGames: 4, worker: 1)
        let latest = await snapshots.next()
        #expect(latest?.openGames == 4 && latest?.deadLetters == 3 && latest?.workers == 2)
    }
}
