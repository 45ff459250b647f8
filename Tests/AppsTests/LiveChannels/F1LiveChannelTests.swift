import Apps
import Foundation
import HummingbirdTesting
import Testing

/// The leaderboard channel (`/ws/f1/leaderboard`) on a live server: the race and its standings, then
/// both again as the pipeline takes in car states.
@Suite struct F1LiveChannelTests {
    @Test func theLeaderboardChannelSendsTheStandingsThenTheStandingsAfterChanges() async throws {
        let test = try AppTestEnvironment()
        defer { test.close() }
        try await LiveServer.run([try F1App(test.environment, options: try AppOptions.parse([]))], in: test) { server in
            try await LiveChannelClient.connect(to: server, path: "/ws/f1/leaderboard") { channel in
                let snapshot = try await channel.next()
                #expect(snapshot["type"] as? String == "snapshot")
                #expect((snapshot["standings"] as? [Any])?.isEmpty == true)
                let idle = try #require(snapshot["race"] as? [String: Any])
                #expect(idle["race_id"] == nil && idle["lap"] as? Int == 0 && idle["finished"] as? Bool == false)

                // Car states as an external producer writes them, keyed by the race.
                for (driver, position, gap) in [("Carla", 3, 2_100), ("Ann", 1, 0), ("Bea", 2, 900)] {
                    let state = F1CarState(
                        raceId: "monza",
                        position: position,
                        driver: driver,
                        team: "Team",
                        lap: 4,
                        totalLaps: 53,
                        gapToLeaderMs: Int64(gap),
                        ts: 1_000 + Int64(position)
                    )
                    try await test.environment.publisher.publish(
                        topic: F1CarState.topic,
                        key: state.raceId,
                        event: state
                    )
                }

                // A burst of changes is coalesced: the last update holds all three cars.
                let updates = try await channel.messages { message in
                    (message["standings"] as? [Any])?.count == 3
                }
                #expect(updates.allSatisfy { $0["type"] as? String == "standings" })
                let latest = try #require(updates.last)
                let standings = try #require(latest["standings"] as? [[String: Any]])
                #expect(standings.map { $0["driver"] as? String } == ["Ann", "Bea", "Carla"])
                #expect(standings.map { $0["gap_to_leader_ms"] as? Int } == [0, 900, 2_100])
                let race = try #require(latest["race"] as? [String: Any])
                #expect(race["race_id"] as? String == "monza")
                #expect(race["lap"] as? Int == 4 && race["total_laps"] as? Int == 53)
            }
        }
    }
}
