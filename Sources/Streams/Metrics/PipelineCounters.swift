import Synchronization

/// Running totals of one pipeline, readable from any thread at any time.
///
/// The processing task adds to them; `PipelineMetrics` copies them into swift-metrics, so the hot
/// path pays one relaxed atomic add rather than a call through the metrics backend per event.
public final class PipelineCounters: Sendable {
    let eventsInStorage = Atomic<Int>(0)
    let eventsOutStorage = Atomic<Int>(0)
    let lateStorage = Atomic<Int>(0)
    let deadLetteredStorage = Atomic<Int>(0)
    let unreadableBatchesStorage = Atomic<Int>(0)

    init() {}

    /// Records read from the sources.
    public var eventsIn: Int { eventsInStorage.load(ordering: .relaxed) }
    /// Records written to sink topics.
    public var eventsOut: Int { eventsOutStorage.load(ordering: .relaxed) }
    /// Events dropped because every window they belonged to had closed.
    public var late: Int { lateStorage.load(ordering: .relaxed) }
    /// Records sent to the dead-letter topic.
    public var deadLettered: Int { deadLetteredStorage.load(ordering: .relaxed) }
    /// Source batches that could not be read (damage on disk) and were skipped.
    public var unreadableBatches: Int { unreadableBatchesStorage.load(ordering: .relaxed) }
}
