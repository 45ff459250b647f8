import Foundation

/// A table of the latest value per key, kept in checkpointed state: the result of `latest()` and of
/// running aggregations. Read it through a view, join streams against it, or follow its changes.
public final class Table<Key: Hashable & Codable & Sendable, Value: Codable> {
    let pipeline: Pipeline
    let state: KeyValueState<Key, Value>
    let changeNode = StreamNode<TableChange<Key, Value>>()

    init(pipeline: Pipeline, name: String?) throws {
        self.pipeline = pipeline
        state = try pipeline.state.keyValueState(named: pipeline.stateName(name, kind: "table"))
    }

    func upsert(_ key: Key, _ value: Value, at time: Int64) {
        state[key] = value
        changeNode.emit(TableChange(key: key, value: value), at: time)
    }

    func remove(_ key: Key, at time: Int64) {
        guard state.values.removeValue(forKey: key) != nil else { return }
        changeNode.emit(TableChange(key: key, value: nil), at: time)
    }

    /// Every change to the table, as a stream (nil values are deletions).
    public var changes: Stream<TableChange<Key, Value>> { Stream(pipeline: pipeline, node: changeNode) }
}

extension Table where Value: Sendable {
    /// A view of the whole table, readable from any thread and subscribable.
    public func view() -> LatestByKeyView<Key, Value> {
        let view = LatestByKeyView<Key, Value>()
        changeNode.connect { change, _ in view.apply(change) }
        let state = self.state
        pipeline.state.onRestore { view.replace(with: state.values) }
        return view
    }

    /// A view of the `count` entries with the highest `score`, readable from any thread and subscribable.
    public func top(_ count: Int, by score: @escaping @Sendable (Value) -> Double) -> TopView<Key, Value> {
        let view = TopView<Key, Value>(count: count, score: score)
        changeNode.connect { change, _ in view.apply(change) }
        let state = self.state
        pipeline.state.onRestore { view.replace(with: state.values) }
        return view
    }
}

extension Table where Value: Encodable {
    /// Appends every change to `topic` as JSON keyed by the key's description (a changelog;
    /// deletions are the JSON `null`).
    public func sink(topic: String) {
        let pipeline = self.pipeline
        pipeline.declareSink(topic)
        changeNode.connect { change, time in
            let bytes = change.value.flatMap { try? pipeline.jsonEncoder.encode($0) } ?? Data("null".utf8)
            pipeline.emit(topic: topic, key: "\(change.key)", value: bytes, timestamp: time)
        }
    }
}
