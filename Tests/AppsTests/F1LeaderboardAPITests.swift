import Apps
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Streams
import Testing
import Web

/// The leaderboard API through Hummingbird's router tester, fed by the real pipeline.
@Suite struct F1LeaderboardAPITests {
    // Unchecked: the test driver is used by one test at a time, between the router's requests.
    struct Harness: @unchecked Sendable {
        let leaderboard: F1LeaderboardPipeline
        let driver: TestDriver
        let application: Application<RouterResponder<KibitzRequestContext>>

        init() throws {
            let app = try F1App(try AppTestEnvironment().environment, options: try AppOptions.parse([]))
            leaderboard = app.leaderboard
            driver = TestDriver(pipeline: leaderboard.pipeline)
            application = Application(
                router: WebApplication.buildRouter(
                    configuration: WebConfiguration(),
                    apps: [app],
                    logger: Logger(label: "test")
                )
            )
        }

        /// Sends a car state as an external producer would write it.
        func send(race: String = "monza", driver name: String, position: Int, lap: Int, gap: Int? = nil, ts: Int64) {
            let gapField = gap.map { #","gap_to_leader_ms":\#($0)"# } ?? ""
            driver.send(
                topic: F1CarState.topic,
                json:
                    #"{"race_id":"\#(race)","driver":"\#(name)","team":"Team","position":\#(position),"lap":\#(lap)\#(gapField),"ts":\#(ts)}"#,
                key: race
            )
        }
    }

    static func standings(_ client: some TestClientProtocol) async throws -> [[String: Any]] {
        let response = try await client.execute(uri: "/api/leaderboard", method: .get)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        return try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [[String: Any]]
    }

    @Test func anEmptyFeedIsAnEmptyArray() async throws {
        let harness = try Harness()
        try await harness.application.test(.router) { client in
            let standings = try await Self.standings(client)
            #expect(standings.isEmpty)
        }
    }

    @Test func standingsAreOrderedByPositionAndAnUpdateReorders() async throws {
        let harness = try Harness()
        harness.send(driver: "Carla", position: 3, lap: 4, gap: 2_100, ts: 1_000)
        harness.send(driver: "Ann", position: 1, lap: 4, gap: 0, ts: 1_001)
        harness.send(driver: "Bea", position: 2, lap: 4, gap: 900, ts: 1_002)
        try await harness.application.test(.router) { client in
            let first = try await Self.standings(client)
            #expect(first.map { $0["driver"] as? String } == ["Ann", "Bea", "Carla"])
            #expect(first.map { $0["position"] as? Int } == [1, 2, 3])
            #expect(first[1]["gap_to_leader_ms"] as? Int == 900)
            #expect(first[0]["race_id"] as? String == "monza")

            // Carla passes Bea on lap 5.
            harness.send(driver: "Carla", position: 2, lap: 5, gap: 700, ts: 2_000)
            harness.send(driver: "Bea", position: 3, lap: 5, gap: 1_000, ts: 2_001)
            let second = try await Self.standings(client)
            #expect(second.map { $0["driver"] as? String } == ["Ann", "Carla", "Bea"])
            #expect(second[1]["lap"] as? Int == 5)

            let race = try await client.execute(uri: "/api/leaderboard/race", method: .get)
            let progress = try JSONSerialization.jsonObject(with: Data(race.body.readableBytesView)) as! [String: Any]
            #expect(progress["race_id"] as? String == "monza")
            #expect(progress["lap"] as? Int == 5)
        }
    }

    @Test func aNewRaceReplacesTheOldStandings() async throws {
        let harness = try Harness()
        harness.send(race: "monza", driver: "Ann", position: 1, lap: 50, ts: 1_000)
        harness.send(race: "monza", driver: "Bea", position: 2, lap: 50, ts: 1_001)
        harness.send(race: "spa", driver: "Bea", position: 1, lap: 0, ts: 9_000)
        try await harness.application.test(.router) { client in
            let standings = try await Self.standings(client)
            #expect(standings.map { $0["driver"] as? String } == ["Bea"])
            #expect(standings.first?["race_id"] as? String == "spa")
        }
    }

    @Test func gapsInSecondsAreAcceptedAndBadStatesAreDeadLettered() async throws {
        let harness = try Harness()
        harness.driver.send(
            topic: F1CarState.topic,
            json: #"{"race_id":"r","driver":"Ann","position":2,"lap":3,"gap_to_leader":1.25,"interval":0.5,"ts":5}"#
        )
        harness.driver.send(topic: F1CarState.topic, json: #"{"race_id":"r","driver":"Bea","lap":3}"#)
        harness.driver.send(
            topic: F1CarState.topic,
            json: #"{"race_id":"r","driver":"Cy","position":0,"lap":3}"#
        )
        harness.driver.send(topic: F1CarState.topic, json: "not json")
        #expect(harness.leaderboard.standings().map(\.driver) == ["Ann"])
        #expect(harness.leaderboard.standings().first?.gapToLeaderMs == 1_250)
        #expect(harness.leaderboard.standings().first?.intervalMs == 500)
        #expect(harness.driver.deadLetters.count == 3)
    }
}
