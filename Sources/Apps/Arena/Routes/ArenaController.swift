import Foundation
import Hummingbird
import HummingbirdWebSocket

/// The arena warehouse's API, its live channel and the `/arena` page.
public struct ArenaController<Context: RequestContext & WebSocketRequestContext>: Sendable {
    struct ChannelMessage: Encodable, Sendable {
        var type: String
        var warehouse: ArenaWarehouseStatistics.Snapshot
    }

    let statistics: ArenaWarehouseStatistics
    let pages: AppPages

    public init(statistics: ArenaWarehouseStatistics) {
        self.statistics = statistics
        self.pages = AppPages(folder: "Arena")
    }

    public func addRoutes(to router: Router<Context>) {
        router.get("api/arena/warehouse") { _, _ in try JSONResponse.make(statistics.snapshot()) }
        router.get("arena") { _, _ in try pages.page("arena.html") }
        router.get("arena/static/**") { _, context in
            try pages.file(context.parameters.getCatchAll().joined(separator: "/"))
        }
        router.ws("ws/arena/warehouse") { inbound, outbound, _ in
            let updates = statistics.snapshots()
            try await LiveChannel.run(inbound: inbound, outbound: outbound, updates: updates) { snapshot, isFirst in
                ChannelMessage(type: isFirst ? "snapshot" : "warehouse", warehouse: snapshot)
            }
        }
    }
}
