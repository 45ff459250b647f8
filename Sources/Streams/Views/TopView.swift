import Locking

/// The keys of a table with the highest scores, best first, readable from any thread at any time.
public final class TopView<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// One ranked entry.
    public struct Entry: Sendable {
        public var key: Key
        public var value: Value
        public var score: Double
    }

    private let storage = Locked<[Key: Value]>([:])
    private let broadcaster = ViewBroadcaster<[Entry]>()
    private let score: @Sendable (Value) -> Double
    /// How many entries the view ranks.
    public let count: Int

    init(count: Int, score: @escaping @Sendable (Value) -> Double) {
        self.count = count
        self.score = score
    }

    /// The best `count` entries, best first (ties broken by key description for a stable order).
    public var entries: [Entry] { storage.withLock { ranked($0) } }

    /// The ranking after every change, as it is applied.
    public func changes() -> AsyncStream<[Entry]> { broadcaster.subscribe() }

    private func ranked(_ values: [Key: Value]) -> [Entry] {
        values.map { Entry(key: $0.key, value: $0.value, score: score($0.value)) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : "\($0.key)" < "\($1.key)" }
            .prefix(count).map { $0 }
    }

    func apply(_ change: TableChange<Key, Value>) {
        let ranking = storage.withLock { values -> [Entry]? in
            values[change.key] = change.value
            return broadcaster.hasSubscribers ? ranked(values) : nil
        }
        if let ranking { broadcaster.publish(ranking) }
    }

    func replace(with values: [Key: Value]) {
        storage.withLock { $0 = values }
    }
}
