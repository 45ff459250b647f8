import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import Streams
import Web

/// The shop statistics page, its API and its live channel.
///
/// `GET /shop/stats` is the page; `GET /api/shop/stats` answers with a `ShopStatisticsSnapshot`;
/// `/ws/shop/stats` sends `{"type": "snapshot", "stats": ...}` first and then `{"type": "stats", ...}`
/// whenever a window closes.
public struct ShopStatisticsController: Sendable {
    public typealias Context = KibitzRequestContext

    struct ChannelMessage: Encodable {
        var type: String
        var stats: ShopStatisticsSnapshot
    }

    let statistics: ShopStatistics

    /// - Parameter statistics: the statistics whose pipeline `kibitz serve` runs.
    public init(statistics: ShopStatistics) {
        self.statistics = statistics
    }

    public func addRoutes(to router: Router<Context>, pages: AppPages, logger: Logger) {
        router.get("shop/stats") { _, _ in try pages.page("stats.html") }
        pages.addStaticFiles(to: router, at: "/shop/stats/static", logger: logger)
        router.get("api/shop/stats") { _, _ in statistics.snapshot() }
        router.ws("ws/shop/stats") { inbound, outbound, _ in
            // Subscribe before reading the snapshot, so no closed window falls between the two.
            let changes = statistics.minutes.changes()
            let updates = AsyncStream.startingWith(statistics.snapshot(), then: changes) { _ in statistics.snapshot() }
            try await LiveChannel.run(inbound: inbound, outbound: outbound, updates: updates) { snapshot, isFirst in
                ChannelMessage(type: isFirst ? "snapshot" : "stats", stats: snapshot)
            }
        }
    }
}

extension ShopStatisticsSnapshot: ResponseEncodable {}
