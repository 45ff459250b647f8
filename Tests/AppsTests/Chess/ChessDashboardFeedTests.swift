import Apps
import Foundation
import Streams
import Testing

/// The dashboard channel sends the statistics, then each change of the views as the pipeline
/// applies it; a page that falls behind is sent a whole snapshot again.
@Suite struct ChessDashboardFeedTests {
    /// The next `count` messages of `messages`.
    static func take(
        _ count: Int,
        of messages: inout AsyncStream<ChessDashboardMessage>.Iterator
    ) async
        -> [ChessDashboardMessage]
    {
        var taken: [ChessDashboardMessage] = []
        while taken.count < count, let message = await messages.next() { taken.append(message) }
        return taken
    }

    @Test func theSnapshotComesFirstThenEachChangeWithItsNewValue() async throws {
        let statistics = try ChessStatistics()
        let driver = TestDriver(pipeline: statistics.pipeline)
        let now = Int64(Date().timeIntervalSince1970 * 1_000)
        driver.send(topic: ChessGameEvent.topic, json: ChessStatisticsTests.game("a", "started", at: now))
        let feed = ChessDashboardFeed(statistics: statistics)
        var messages = feed.messages().makeAsyncIterator()
        guard case .snapshot(let first) = await messages.next() else {
            Issue.record("the first message is the snapshot")
            return
        }
        #expect(first.activeGames == 1)

        driver.send(topic: ChessMoveEvent.topic, json: ChessStatisticsTests.move("a", 1, at: now))
        driver.send(
            topic: ChessGameEvent.topic,
            json: ChessStatisticsTests.game("a", "ended", result: "1-0", at: now + 1)
        )
        // Each view's changes arrive in order; the views' streams interleave.
        let changes = await Self.take(5, of: &messages)
        #expect(
            changes.contains { if case .move(let move) = $0 { move.gameID == "a" && move.ply == 1 } else { false } }
        )
        #expect(changes.contains(.second(now / 1_000, count: 1)))
        #expect(changes.contains(.activeGames(0)))
        #expect(changes.contains(.result("1-0", count: 1)))
        #expect(changes.contains(.completed(day: UTCDate(milliseconds: now).description, count: 1)))
    }

    @Test func aPageThatFellBehindIsSentTheWholeSnapshotAgain() async throws {
        let statistics = try ChessStatistics()
        let driver = TestDriver(pipeline: statistics.pipeline)
        let feed = ChessDashboardFeed(statistics: statistics, capacity: 8)
        var messages = feed.messages().makeAsyncIterator()
        guard case .snapshot = await messages.next() else {
            Issue.record("the first message is the snapshot")
            return
        }
        let now = Int64(Date().timeIntervalSince1970 * 1_000)
        // Far more changes than the channel holds, none read meanwhile.
        for ply in 1...200 {
            driver.send(topic: ChessMoveEvent.topic, json: ChessStatisticsTests.move("b", ply, at: now + Int64(ply)))
        }
        // Let the views' forwarding tasks run into the full buffer, then drain it.
        try await Task.sleep(for: .milliseconds(200))
        var drained: [ChessDashboardMessage] = []
        for _ in 0..<8 { if let message = await messages.next() { drained.append(message) } }
        #expect(drained.count == 8, "the buffer held its capacity")
        driver.send(topic: ChessMoveEvent.topic, json: ChessStatisticsTests.move("b", 201, at: now + 201))
        var resynchronised: ChessDashboardStatistics?
        for _ in 0..<16 {
            guard let message = await messages.next() else { break }
            if case .snapshot(let snapshot) = message {
                resynchronised = snapshot
                break
            }
        }
        #expect(resynchronised?.recentMoves.first?.ply ?? 0 >= 200, "the new snapshot holds what was dropped")
    }
}
