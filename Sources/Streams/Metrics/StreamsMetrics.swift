import Locking
import Metrics
import Prometheus

/// The metrics of every pipeline of a process, through swift-metrics into one Prometheus registry.
///
/// The registry is private to this object rather than the global `MetricsSystem`, so that several
/// instances (tests, one per server) never clash; `exposition()` is what `/metrics` serves.
public final class StreamsMetrics: Sendable {
    /// The registry the pipelines' metrics are in.
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    private let pipelines = Locked<[PipelineMetrics]>([])

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        factory = PrometheusMetricsFactory(registry: registry)
    }

    /// The metrics of one pipeline, created on first use.
    func metrics(for pipeline: Pipeline) -> PipelineMetrics {
        pipelines.withLock { list in
            if let existing = list.first(where: { $0.pipelineName == pipeline.name }) { return existing }
            let created = PipelineMetrics(pipeline: pipeline, factory: factory)
            list.append(created)
            return created
        }
    }

    /// Every metric in the Prometheus text exposition format (version 0.0.4).
    public func exposition() -> String {
        for pipeline in pipelines.withLock({ $0 }) { pipeline.refresh() }
        return registry.emitToString()
    }
}
