import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import Web

/// The arena warehouse's API, its live channel and the `/arena` page.
public struct ArenaController: Sendable {
    public typealias Context = KibitzRequestContext

    struct ChannelMessage: Encodable, Sendable {
        var type: String
        var warehouse: ArenaWarehouseStatistics.Snapshot
    }

    let statistics: ArenaWarehouseStatistics

    public init(statistics: ArenaWarehouseStatistics) {
        self.statistics = statistics
    }

    public func addRoutes(to router: Router<Context>, pages: AppPages, logger: Logger) {
        router.get("api/arena/warehouse") { _, _ in statistics.snapshot() }
        router.get("arena") { _, _ in try pages.page("arena.html") }
        pages.addStaticFiles(to: router, at: "/arena/static", logger: logger)
        router.ws("ws/arena/warehouse") { inbound, outbound, _ in
            let updates = statistics.snapshots()
            try await LiveChannel.run(inbound: inbound, outbound: outbound, updates: updates) { snapshot, isFirst in
                ChannelMessage(type: isFirst ? "snapshot" : "warehouse", warehouse: snapshot)
            }
        }
    }
}

extension ArenaWarehouseStatistics.Snapshot: ResponseEncodable {}
