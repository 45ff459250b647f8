/// What an operator can do besides keeping state: emit downstream and learn the event-time progress.
public struct OperatorContext<Output> {
    @usableFromInline let node: StreamNode<Output>
    @usableFromInline let pipeline: Pipeline

    @usableFromInline
    init(node: StreamNode<Output>, pipeline: Pipeline) {
        self.node = node
        self.pipeline = pipeline
    }

    /// Sends `value` downstream with event time `timestamp`.
    @inlinable
    public func emit(_ value: Output, at timestamp: Int64) {
        node.emit(value, at: timestamp)
    }

    /// The pipeline's current watermark.
    @inlinable
    public var watermark: Int64 { pipeline.watermark }

    /// Counts an event dropped because it arrived after its window closed.
    public func countLate() {
        pipeline.counters.lateStorage.add(1, ordering: .relaxed)
    }
}
