import Streams

/// The live shop statistics: a pipeline over `shop.events` folding one-minute tumbling windows into
/// `ShopMinuteStatistics`, publishing each closed window to `shop.stats`, and the view the web
/// layer reads.
///
/// Statistics are counted from closed windows only, so the topic, the API and a recomputation from
/// the raw topic agree: an event later than its window's close is dropped (and counted as late) by
/// every one of them alike. A record that does not decode as a `ShopActivityEvent` is dead-lettered.
public final class ShopStatistics: Sendable {
    /// The pipeline's name, its checkpoint directory and the prefix of its dead-letter topic.
    public static let pipelineName = "shop-statistics"
    /// The topic each closed window's statistics are published to, keyed by the window start.
    public static let statisticsTopic = "shop.stats"
    /// How many closed minutes the snapshot carries: the page's hour of charts.
    public static let keptMinutes = 60

    /// The pipeline to run (in `kibitz serve`, or a `TestDriver`).
    public let pipeline: Pipeline
    /// Each closed minute's statistics, by window start.
    public let minutes: LatestByKeyView<Int64, ShopMinuteStatistics>

    /// Builds the pipeline and its view.
    public init(configuration: PipelineConfiguration = PipelineConfiguration()) throws {
        let pipeline = Pipeline(name: Self.pipelineName, configuration: configuration)
        let events = pipeline.source(ShopActivityEvent.topic, as: ShopActivityEvent.self, eventTime: \.ts)
        // One key: the statistics are of the whole shop, not per user or product.
        let closed =
            try events
            .keyBy { _ in "shop" }
            .window(.tumbling(.seconds(60)))
            .aggregate(.fold(ShopMinuteStatistics()) { statistics, event in statistics.record(event) }, name: "minutes")
            .map { result in
                var statistics = result.value
                statistics.windowStart = result.window.start
                statistics.windowEnd = result.window.end
                return statistics
            }
        closed.sink(topic: Self.statisticsTopic, key: { String($0.windowStart) })
        minutes = try closed.keyBy(\.windowStart).latest(name: "minutes.table").view()
        self.pipeline = pipeline
    }

    /// The totals over every closed window and the last `keptMinutes` of them.
    public func snapshot() -> ShopStatisticsSnapshot {
        let all = minutes.values.values.sorted { $0.windowStart < $1.windowStart }
        var totals = all.reduce(ShopMinuteStatistics()) { $0.adding($1) }
        totals.windowStart = all.first?.windowStart ?? 0
        totals.windowEnd = all.last?.windowEnd ?? 0
        return ShopStatisticsSnapshot(totals: totals, minutes: Array(all.suffix(Self.keptMinutes)))
    }
}
