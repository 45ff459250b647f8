/// A point of the dataflow graph: whatever is emitted here is handed to every downstream part.
///
/// Calls are synchronous and on the pipeline's one processing task, so an event flows through the
/// whole graph before the next is read; this keeps checkpoints simple (no in-flight data).
///
/// The graph is fused before the first event: each operator contributes a stage that wraps the
/// receiver of the graph below it, and `receiver()` composes them into one function per node.
/// A source then calls one closure per event, and each stage calls the next as a captured
/// constant, instead of walking an array of closures per node (a retain and a release each).
///
/// Inlinable, like the operators that build the graph, so that the pipeline's module specializes
/// the per-event path for its own types (unspecialized generic code spends most of its time looking
/// up type metadata).
@usableFromInline
final class StreamNode<Value> {
    @usableFromInline typealias Receiver = (Value, Int64) -> Void

    /// Each downstream part: makes its receiver once the graph below it is complete.
    @usableFromInline var parts: [() -> Receiver] = []
    /// The fused receiver, made on first use; the graph is complete from then on.
    @usableFromInline @exclusivity(unchecked) var fused: Receiver?

    @usableFromInline
    init() {}

    /// Connects a part that ends the graph here (a sink, a view, a state update).
    @inlinable
    func connect(_ receiver: @escaping Receiver) {
        precondition(fused == nil, "a pipeline cannot grow once events flow through it")
        parts.append { receiver }
    }

    /// Connects a stage that passes values on to `output`: `stage` gets the receiver of `output`
    /// and returns what handles a value here.
    @inlinable
    func connect<Output>(
        to output: StreamNode<Output>,
        through stage: @escaping (@escaping StreamNode<Output>.Receiver) -> Receiver
    ) {
        precondition(fused == nil, "a pipeline cannot grow once events flow through it")
        parts.append { stage(output.receiver()) }
    }

    /// The one function that hands a value to every downstream part.
    @inlinable
    func receiver() -> Receiver {
        if let fused { return fused }
        let receivers = parts.map { $0() }
        let receiver: Receiver =
            switch receivers.count {
            case 0: { _, _ in }
            case 1: receivers[0]
            default: { value, time in for receiver in receivers { receiver(value, time) } }
            }
        fused = receiver
        return receiver
    }

    /// Hands `value` downstream; for values emitted outside the sources' per-event path (window
    /// results, table changes).
    @inlinable
    func emit(_ value: Value, at timestamp: Int64) {
        receiver()(value, timestamp)
    }
}
