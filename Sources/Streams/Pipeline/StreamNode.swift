/// A point of the dataflow graph: whatever is emitted here is handed to every downstream receiver.
///
/// Calls are synchronous and on the pipeline's one processing task, so an event flows through the
/// whole graph before the next is read; this keeps checkpoints simple (no in-flight data).
///
/// Inlinable, like the operators that build the graph, so that the pipeline's module specializes
/// the per-event path for its own types (unspecialized generic code spends most of its time looking
/// up type metadata).
@usableFromInline
final class StreamNode<Value> {
    @usableFromInline @exclusivity(unchecked) var receivers: [(Value, Int64) -> Void] = []

    @usableFromInline
    init() {}

    @inlinable
    func connect(_ receiver: @escaping (Value, Int64) -> Void) {
        receivers.append(receiver)
    }

    @inlinable @inline(__always)
    func emit(_ value: Value, at timestamp: Int64) {
        for receiver in receivers { receiver(value, timestamp) }
    }
}
