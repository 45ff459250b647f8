import Locking

/// The latest value per key of a table, readable from any thread at any time.
public final class LatestByKeyView<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let storage = Locked<[Key: Value]>([:])
    private let broadcaster = ViewBroadcaster<TableChange<Key, Value>>()

    init() {}

    /// A copy of the whole table.
    public var values: [Key: Value] { storage.withLock { $0 } }

    /// The value of `key`, or nil.
    public subscript(key: Key) -> Value? { storage.withLock { $0[key] } }

    /// How many keys have a value.
    public var count: Int { storage.withLock { $0.count } }

    /// Every later change, as it is applied.
    public func changes() -> AsyncStream<TableChange<Key, Value>> { broadcaster.subscribe() }

    func apply(_ change: TableChange<Key, Value>) {
        storage.withLock { $0[change.key] = change.value }
        if broadcaster.hasSubscribers { broadcaster.publish(change) }
    }

    func replace(with values: [Key: Value]) {
        storage.withLock { $0 = values }
    }
}
