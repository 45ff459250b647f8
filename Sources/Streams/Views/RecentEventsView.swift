import Locking

/// The last N events of a stream, oldest first, readable from any thread at any time.
public final class RecentEventsView<Value: Sendable>: Sendable {
    private let storage = Locked<[Value]>([])
    private let broadcaster = ViewBroadcaster<Value>()
    /// How many events the view keeps.
    public let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The kept events, oldest first.
    public var events: [Value] { storage.withLock { $0 } }

    /// Every later event, as it is added.
    public func changes() -> AsyncStream<Value> { broadcaster.subscribe() }

    func append(_ value: Value) {
        storage.withLock { events in
            events.append(value)
            if events.count > capacity { events.removeFirst(events.count - capacity) }
        }
        if broadcaster.hasSubscribers { broadcaster.publish(value) }
    }

    func replace(with values: [Value]) {
        storage.withLock { $0 = Array(values.suffix(capacity)) }
    }
}
