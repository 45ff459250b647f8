import Apps
import FastJSON
import Foundation
import Streams
import Testing

@Suite struct ChessStatisticsTests {
    /// 2026-11-23 12:00:00 UTC.
    static let noon: Int64 = 1_795_953_600_000

    static func game(_ id: String, _ event: String, result: String? = nil, at time: Int64) -> String {
        let resultField = result.map { #","result":"\#($0)","reason":"checkmate""# } ?? ""
        return
            #"{"game_id":"\#(id)","event":"\#(event)","white":"ann","black":"ai","mode":"ai"\#(resultField),"ts":\#(time)}"#
    }

    static func move(_ game: String, _ ply: Int, at time: Int64) -> String {
        #"{"move_id":"\#(game)-\#(ply)","game_id":"\#(game)","ply":\#(ply),"color":"\#(ply % 2 == 1 ? "white" : "black")","by":"player","uci":"e2e4","san":"e4","piece":"P","from":"e2","to":"e4","fen":"x","ts":\#(time)}"#
    }

    @Test func computesTheDashboardNumbers() throws {
        let statistics = try ChessStatistics()
        let driver = TestDriver(pipeline: statistics.pipeline)
        let noon = Self.noon
        driver.send(topic: ChessGameEvent.topic, json: Self.game("yesterday", "started", at: noon - 86_400_000))
        driver.send(
            topic: ChessGameEvent.topic,
            json: Self.game("yesterday", "ended", result: "0-1", at: noon - 86_000_000)
        )
        for id in ["a", "b", "c"] { driver.send(topic: ChessGameEvent.topic, json: Self.game(id, "started", at: noon)) }
        driver.send(topic: ChessGameEvent.topic, json: Self.game("a", "ended", result: "1-0", at: noon + 1_000))
        for ply in 1...60 {
            driver.send(topic: ChessMoveEvent.topic, json: Self.move("b", ply, at: noon + Int64(ply) * 1_000))
        }
        driver.send(topic: ChessMoveEvent.topic, json: Self.move("c", 1, at: noon + 61_000))
        driver.send(topic: ChessMoveEvent.topic, json: "{broken")

        let snapshot = statistics.snapshot(now: Date(timeIntervalSince1970: Double(noon + 61_500) / 1_000))
        #expect(snapshot.activeGames == 2)
        #expect(snapshot.completedToday == 1)
        #expect(snapshot.movesLastMinute == 60)  // plies 2...60 of b and c's first move
        #expect(snapshot.recentMoves.count == 50)
        #expect(snapshot.recentMoves.first?.gameID == "c", "newest first")
        #expect(snapshot.resultCounts == ["1-0": 1, "0-1": 1])
        #expect(statistics.movesPerGame.values == ["b": 60, "c": 1])
        #expect(snapshot.movesPerSecond.count == 61, "the last two minutes, second by second")
        #expect(snapshot.movesPerSecond.last == SecondCount(second: (noon + 61_000) / 1_000, count: 1))
        #expect(driver.deadLetters.count == 1)

        driver.finish()
        let perMinute = try driver.output(
            topic: ChessStatistics.movesPerMinuteTopic,
            as: WindowResult<String, Int64>.self
        )
        #expect(perMinute.map(\.value) == [59, 1, 1])
        #expect(perMinute.map(\.key) == ["b", "b", "c"])
        #expect(perMinute[0].window == Window(start: noon, end: noon + 60_000))

        let json = String(decoding: try EventJSON.makeEncoder().encode(snapshot), as: UTF8.self)
        for field in [
            "active_games", "completed_today", "moves_last_minute", "recent_moves", "result_counts", "moves_per_minute",
            "moves_per_second", "game_id", "move_id",
        ] {
            #expect(json.contains("\"\(field)\""))
        }
    }

    @Test func movesPerMinuteCoversTheLastHourWithEmptyMinutes() throws {
        let statistics = try ChessStatistics()
        let driver = TestDriver(pipeline: statistics.pipeline)
        let noon = Self.noon
        // Three moves 50 minutes ago, two in the current minute, one too old to chart.
        for ply in 1...3 {
            driver.send(topic: ChessMoveEvent.topic, json: Self.move("a", ply, at: noon - 50 * 60_000 + Int64(ply)))
        }
        driver.send(topic: ChessMoveEvent.topic, json: Self.move("a", 4, at: noon - 61 * 60_000))
        for ply in 5...6 {
            driver.send(topic: ChessMoveEvent.topic, json: Self.move("a", ply, at: noon + 10_000 + Int64(ply)))
        }

        let snapshot = statistics.snapshot(now: Date(timeIntervalSince1970: Double(noon + 30_000) / 1_000))
        #expect(snapshot.movesPerMinute.count == 60)
        #expect(snapshot.movesPerMinute.first?.minute == noon - 59 * 60_000)
        #expect(snapshot.movesPerMinute.last == MinuteCount(minute: noon, count: 2))
        #expect(snapshot.movesPerMinute[9] == MinuteCount(minute: noon - 50 * 60_000, count: 3))
        #expect(snapshot.movesPerMinute.map(\.count).reduce(0, +) == 5)
    }
}
