import Apps
import Foundation
import HummingbirdTesting
import Testing

/// The arena warehouse channel (`/ws/arena/warehouse`) on a live server: the ETL workers' counts,
/// then the counts again at each report of a worker.
@Suite struct ArenaLiveChannelTests {
    @Test func theWarehouseChannelSendsTheCountsThenEachReport() async throws {
        let test = try AppTestEnvironment()
        defer { test.close() }
        let app = ArenaApp(test.environment, options: try AppOptions.parse([]))
        try await LiveServer.run([app], in: test) { server in
            try await LiveChannelClient.connect(to: server, path: "/ws/arena/warehouse") { channel in
                let snapshot = try await channel.next()
                #expect(snapshot["type"] as? String == "snapshot")
                let empty = try #require(snapshot["warehouse"] as? [String: Any])
                #expect(
                    Set(empty.keys) == [
                        "games_written", "rows_written", "files_written", "dead_letters", "set_aside", "workers",
                        "open_games", "recent_games",
                    ]
                )
                #expect(empty["dead_letters"] as? Int == 0 && empty["open_games"] as? Int == 0)

                // The ETL workers (services, not run here) report on the statistics the app serves.
                app.statistics.record(deadLetters: 2)
                let deadLetters = try await channel.next()
                #expect(deadLetters["type"] as? String == "warehouse")
                #expect((deadLetters["warehouse"] as? [String: Any])?["dead_letters"] as? Int == 2)

                app.statistics.record(openGames: 3, worker: 0)
                let openGames = try #require(try await channel.next()["warehouse"] as? [String: Any])
                #expect(openGames["open_games"] as? Int == 3 && openGames["dead_letters"] as? Int == 2)
            }
        }
    }
}
