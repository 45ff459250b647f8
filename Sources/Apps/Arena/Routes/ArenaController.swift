import Foundation
import Hummingbird
import HummingbirdWebSocket

/// The arena warehouse's API, its live channel and the `/arena` page.
public struct ArenaController<Context: RequestContext & WebSocketRequestContext>: Sendable {
    struct ChannelMessage: Encodable, Sendable {
        var type: String
        var warehouse: ArenaWarehouseStatistics.Snapshot
    }

    /// How often the channel looks for news; games end seconds apart, so a second is prompt.
    static var refreshInterval: Duration { .seconds(1) }

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
            let statistics = statistics
            let updates = AsyncStream<ArenaWarehouseStatistics.Snapshot>(bufferingPolicy: .bufferingNewest(1)) {
                continuation in
                let task = Task {
                    var last: ArenaWarehouseStatistics.Snapshot?
                    while !Task.isCancelled {
                        let snapshot = statistics.snapshot()
                        if snapshot != last { continuation.yield(snapshot) }
                        last = snapshot
                        try? await Task.sleep(for: Self.refreshInterval)
                    }
                    continuation.finish()
                }
                continuation.onTermination = { _ in task.cancel() }
            }
            try await LiveChannel.run(inbound: inbound, outbound: outbound, updates: updates) { snapshot, isFirst in
                ChannelMessage(type: isFirst ? "snapshot" : "warehouse", warehouse: snapshot)
            }
        }
    }
}
