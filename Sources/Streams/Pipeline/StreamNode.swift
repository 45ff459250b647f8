/// A point of the dataflow graph: whatever is emitted here is handed to every downstream receiver.
///
/// Calls are synchronous and on the pipeline's one processing task, so an event flows through the
/// whole graph before the next is read; this keeps checkpoints simple (no in-flight data).
final class StreamNode<Value> {
    @exclusivity(unchecked) private(set) var receivers: [(Value, Int64) -> Void] = []

    func connect(_ receiver: @escaping (Value, Int64) -> Void) {
        receivers.append(receiver)
    }

    @inline(__always)
    func emit(_ value: Value, at timestamp: Int64) {
        for receiver in receivers { receiver(value, timestamp) }
    }
}
