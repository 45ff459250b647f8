import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import Web

/// The leaderboard API, its live channel and the `/f1` page.
public struct F1Controller: Sendable {
    public typealias Context = KibitzRequestContext

    struct ChannelMessage: Encodable, Sendable {
        var type: String
        var race: F1RaceProgress
        var standings: [F1CarState]
    }

    /// The shortest time between two updates of the channel. A change after a quiet spell goes out
    /// at once; the changes of a burst (a line crossing and the overtakes it causes) gather until
    /// the interval since the last update is over, so a page is never flooded and never more than
    /// this behind.
    static var coalescingInterval: Duration { .milliseconds(100) }

    let leaderboard: F1LeaderboardPipeline

    public init(leaderboard: F1LeaderboardPipeline) {
        self.leaderboard = leaderboard
    }

    public func addRoutes(to router: Router<Context>, pages: AppPages, logger: Logger) {
        router.get("api/leaderboard") { _, _ in leaderboard.standings() }
        router.get("api/leaderboard/race") { _, _ in leaderboard.progress() }
        router.get("f1") { _, _ in try pages.page("leaderboard.html") }
        pages.addStaticFiles(to: router, at: "/f1/static", logger: logger)
        router.ws("ws/f1/leaderboard") { inbound, outbound, _ in
            // Subscribe before the snapshot, so no change falls between the two.
            let changes = leaderboard.changes()
            let leaderboard = leaderboard
            let updates = AsyncStream<ChannelMessage>(bufferingPolicy: .bufferingNewest(1)) { continuation in
                continuation.yield(Self.message(leaderboard))
                let task = Task {
                    let clock = ContinuousClock()
                    var lastUpdate = clock.now - Self.coalescingInterval
                    for await _ in changes {
                        let due = lastUpdate + Self.coalescingInterval
                        if due > clock.now { try? await Task.sleep(until: due, clock: clock) }
                        continuation.yield(Self.message(leaderboard))
                        lastUpdate = clock.now
                    }
                    continuation.finish()
                }
                continuation.onTermination = { _ in task.cancel() }
            }
            try await LiveChannel.run(inbound: inbound, outbound: outbound, updates: updates) { message, isFirst in
                var message = message
                message.type = isFirst ? "snapshot" : "standings"
                return message
            }
        }
    }

    static func message(_ leaderboard: F1LeaderboardPipeline) -> ChannelMessage {
        ChannelMessage(type: "standings", race: leaderboard.progress(), standings: leaderboard.standings())
    }
}

extension F1RaceProgress: ResponseEncodable {}
