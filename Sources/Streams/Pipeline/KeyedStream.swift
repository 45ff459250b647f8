/// A stream whose values are grouped by key: the input of windows, aggregations and tables.
public struct KeyedStream<Key: Hashable & Codable & Sendable, Value> {
    /// The keyed values as a plain stream.
    public let stream: Stream<Keyed<Key, Value>>

    @usableFromInline
    init(stream: Stream<Keyed<Key, Value>>) {
        self.stream = stream
    }

    @usableFromInline
    var pipeline: Pipeline { stream.pipeline }

    /// Transforms each value, keeping its key.
    @inlinable
    public func mapValues<Output>(_ transform: @escaping (Value) -> Output) -> KeyedStream<Key, Output> {
        KeyedStream<Key, Output>(stream: stream.map { Keyed(key: $0.key, value: transform($0.value)) })
    }

    /// Keeps the values for which `isIncluded` is true.
    @inlinable
    public func filter(_ isIncluded: @escaping (Value) -> Bool) -> KeyedStream<Key, Value> {
        KeyedStream(stream: stream.filter { isIncluded($0.value) })
    }

    /// Groups into event-time windows.
    ///
    /// - Parameters:
    ///   - windowing: tumbling, hopping, cumulative or session windows.
    ///   - emission: a result at every update, or once when the window closes.
    ///   - allowedLateness: how long after its end (by the watermark) a window still accepts events;
    ///     later events are dropped and counted in `counters.late`.
    @inlinable
    public func window(
        _ windowing: Windowing,
        emit emission: WindowEmission = .onClose,
        allowedLateness: Duration = .zero
    ) -> WindowedStream<Key, Value> {
        WindowedStream(
            keyed: self,
            windowing: windowing,
            emission: emission,
            allowedLatenessMilliseconds: allowedLateness.milliseconds
        )
    }

    /// A running aggregation per key over all time, as a table.
    public func aggregate<Accumulator, Output>(
        _ aggregation: Aggregation<Value, Accumulator, Output>,
        name: String? = nil
    ) throws -> Table<Key, Output> {
        let accumulators = try pipeline.state.keyValueState(
            named: pipeline.stateName(name.map { $0 + ".accumulators" }, kind: "aggregate"),
            of: Accumulator.self,
            keyedBy: Key.self
        )
        let table = try Table<Key, Output>(pipeline: pipeline, name: name.map { $0 + ".table" })
        stream.node.connect { keyed, time in
            var accumulator = accumulators[keyed.key] ?? aggregation.initial
            aggregation.add(&accumulator, keyed.value)
            accumulators[keyed.key] = accumulator
            table.upsert(keyed.key, aggregation.result(accumulator), at: time)
        }
        return table
    }

    /// The number of values per key over all time, as a table.
    public func count(name: String? = nil) throws -> Table<Key, Int64> {
        try aggregate(.count(), name: name)
    }
}

extension KeyedStream where Value: Codable {
    /// The latest value per key, as a table; a value for which `isRemoval` is true deletes its key.
    public func latest(
        name: String? = nil,
        removingWhen isRemoval: ((Value) -> Bool)? = nil
    ) throws -> Table<Key, Value> {
        let table = try Table<Key, Value>(pipeline: pipeline, name: name)
        stream.node.connect { keyed, time in
            if let isRemoval, isRemoval(keyed.value) {
                table.remove(keyed.key, at: time)
            } else {
                table.upsert(keyed.key, keyed.value, at: time)
            }
        }
        return table
    }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    @inlinable
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}
