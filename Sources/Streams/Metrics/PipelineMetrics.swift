import EventLog
import Foundation
import Histogram
import Locking
import Metrics
import Prometheus
import Synchronization

/// One pipeline's metrics: events in and out, late and dead-lettered events, consumer lag per
/// source partition, checkpoint age, and record latency percentiles from an HdrHistogram.
final class PipelineMetrics: Sendable {
    let pipelineName: String
    private let counters: PipelineCounters
    private let factory: PrometheusMetricsFactory
    private let eventsIn: Metrics.Counter
    private let eventsOut: Metrics.Counter
    private let late: Metrics.Counter
    private let deadLettered: Metrics.Counter
    private let unreadableBatches: Metrics.Counter
    private let checkpointAge: Metrics.Gauge
    private let checkpoints: Metrics.Counter
    private let latencyQuantiles: [(quantile: Double, gauge: Metrics.Gauge)]
    private let reported = Locked<(eventsIn: Int, eventsOut: Int, late: Int, deadLettered: Int, unreadable: Int)>(
        (0, 0, 0, 0, 0)
    )
    private let lastCheckpointMilliseconds = Atomic<Int64>(0)
    private let lagGauges = Locked<[TopicPartition: Metrics.Gauge]>([:])
    /// Milliseconds from a record's log timestamp until the pipeline processed it; up to one hour.
    let latency = Locked(Histogram<UInt64>(highestTrackableValue: 3_600_000, numberOfSignificantValueDigits: .three))

    init(pipeline: Pipeline, factory: PrometheusMetricsFactory) {
        pipelineName = pipeline.name
        counters = pipeline.counters
        self.factory = factory
        let dimensions = [("pipeline", pipeline.name)]
        eventsIn = Metrics.Counter(label: "streams_events_in_total", dimensions: dimensions, factory: factory)
        eventsOut = Metrics.Counter(label: "streams_events_out_total", dimensions: dimensions, factory: factory)
        late = Metrics.Counter(label: "streams_events_late_total", dimensions: dimensions, factory: factory)
        deadLettered = Metrics.Counter(
            label: "streams_events_dead_lettered_total",
            dimensions: dimensions,
            factory: factory
        )
        unreadableBatches = Metrics.Counter(
            label: "streams_unreadable_batches_total",
            dimensions: dimensions,
            factory: factory
        )
        checkpoints = Metrics.Counter(label: "streams_checkpoints_total", dimensions: dimensions, factory: factory)
        checkpointAge = Metrics.Gauge(label: "streams_checkpoint_age_seconds", dimensions: dimensions, factory: factory)
        latencyQuantiles = [0.5, 0.9, 0.99, 0.999].map { quantile in
            (
                quantile,
                Metrics.Gauge(
                    label: "streams_record_latency_milliseconds",
                    dimensions: dimensions + [("quantile", String(quantile))],
                    factory: factory
                )
            )
        }
    }

    /// Copies the counters' growth since the last call into the metrics.
    func refresh(now: Int64 = PipelineMetrics.now()) {
        let totals = (
            counters.eventsIn, counters.eventsOut, counters.late, counters.deadLettered, counters.unreadableBatches
        )
        let previous = reported.withLock { reported in
            defer { reported = totals }
            return reported
        }
        if totals.0 > previous.0 { eventsIn.increment(by: totals.0 - previous.0) }
        if totals.1 > previous.1 { eventsOut.increment(by: totals.1 - previous.1) }
        if totals.2 > previous.2 { late.increment(by: totals.2 - previous.2) }
        if totals.3 > previous.3 { deadLettered.increment(by: totals.3 - previous.3) }
        if totals.4 > previous.4 { unreadableBatches.increment(by: totals.4 - previous.4) }
        let last = lastCheckpointMilliseconds.load(ordering: .relaxed)
        if last > 0 { checkpointAge.record(Double(now - last) / 1_000) }
        let percentiles = latency.withLock { histogram in
            latencyQuantiles.map { histogram.totalCount == 0 ? 0 : histogram.valueAtPercentile($0.quantile * 100) }
        }
        for (index, entry) in latencyQuantiles.enumerated() { entry.gauge.record(Double(percentiles[index])) }
    }

    func recordCheckpoint(at milliseconds: Int64) {
        lastCheckpointMilliseconds.store(milliseconds, ordering: .relaxed)
        checkpoints.increment()
    }

    func recordLag(_ lag: Int64, for topicPartition: TopicPartition) {
        let gauge = lagGauges.withLock { gauges in
            if let gauge = gauges[topicPartition] { return gauge }
            let gauge = Metrics.Gauge(
                label: "streams_consumer_lag",
                dimensions: [
                    ("pipeline", pipelineName), ("topic", topicPartition.topic),
                    ("partition", String(topicPartition.partition)),
                ],
                factory: factory
            )
            gauges[topicPartition] = gauge
            return gauge
        }
        gauge.record(Double(lag))
    }

    /// Latency percentile in milliseconds (0 when nothing was recorded), for tests and benchmarks.
    func latencyPercentile(_ percentile: Double) -> UInt64 {
        latency.withLock { $0.totalCount == 0 ? 0 : $0.valueAtPercentile(percentile) }
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1_000) }
}
