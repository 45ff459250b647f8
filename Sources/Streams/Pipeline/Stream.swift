import Foundation

/// A stream of values inside a pipeline, each with an event time; operators return new streams.
public struct Stream<Value> {
    @usableFromInline let pipeline: Pipeline
    @usableFromInline let node: StreamNode<Value>

    @usableFromInline
    init(pipeline: Pipeline, node: StreamNode<Value>) {
        self.pipeline = pipeline
        self.node = node
    }

    /// Transforms each value.
    @inlinable
    public func map<Output>(_ transform: @escaping (Value) -> Output) -> Stream<Output> {
        let output = StreamNode<Output>()
        node.connect(to: output) { downstream in { value, time in downstream(transform(value), time) } }
        return Stream<Output>(pipeline: pipeline, node: output)
    }

    /// Keeps the values for which `isIncluded` is true.
    @inlinable
    public func filter(_ isIncluded: @escaping (Value) -> Bool) -> Stream<Value> {
        let output = StreamNode<Value>()
        node.connect(to: output) { downstream in { value, time in if isIncluded(value) { downstream(value, time) } } }
        return Stream(pipeline: pipeline, node: output)
    }

    /// Replaces each value by zero or more values.
    @inlinable
    public func flatMap<Results: Sequence>(
        _ transform: @escaping (Value) -> Results
    ) -> Stream<Results.Element> {
        let output = StreamNode<Results.Element>()
        node.connect(to: output) { downstream in
            { value, time in for result in transform(value) { downstream(result, time) } }
        }
        return Stream<Results.Element>(pipeline: pipeline, node: output)
    }

    /// Transforms each value, dropping those that give nil.
    @inlinable
    public func compactMap<Output>(_ transform: @escaping (Value) -> Output?) -> Stream<Output> {
        let output = StreamNode<Output>()
        node.connect(to: output) { downstream in
            { value, time in if let result = transform(value) { downstream(result, time) } }
        }
        return Stream<Output>(pipeline: pipeline, node: output)
    }

    /// Groups values by a key, for windows, aggregations, tables and keyed state.
    @inlinable
    public func keyBy<Key: Hashable & Codable & Sendable>(_ key: @escaping (Value) -> Key) -> KeyedStream<Key, Value> {
        KeyedStream(stream: map { Keyed(key: key($0), value: $0) })
    }

    /// Values of this stream and `other`, interleaved as they arrive.
    public func merge(_ other: Stream<Value>) -> Stream<Value> {
        let output = StreamNode<Value>()
        node.connect(to: output) { downstream in downstream }
        other.node.connect(to: output) { downstream in downstream }
        return Stream(pipeline: pipeline, node: output)
    }

    /// Runs a custom operator on every value.
    @inlinable
    public func process<Operator: StreamOperator>(
        _ streamOperator: Operator,
        name: String? = nil
    ) throws -> Stream<Operator.Output> where Operator.Input == Value {
        let output = StreamNode<Operator.Output>()
        let context = OperatorContext(node: output, pipeline: pipeline)
        try streamOperator.open(state: pipeline.state, name: pipeline.stateName(name, kind: "operator"))
        node.connect { value, time in streamOperator.process(value, at: time, context: context) }
        pipeline.onWatermark { watermark in streamOperator.onWatermark(watermark, context: context) }
        return Stream<Operator.Output>(pipeline: pipeline, node: output)
    }

    /// Enriches each value with the table's current value for its key (a stream-table join).
    ///
    /// `combine` gets nil when the table has no value for the key; returning nil drops the value
    /// (an inner join), returning a value keeps it (a left join).
    public func join<Key, TableValue, Output>(
        _ table: Table<Key, TableValue>,
        on key: @escaping (Value) -> Key,
        _ combine: @escaping (Value, TableValue?) -> Output?
    ) -> Stream<Output> {
        let output = StreamNode<Output>()
        let state = table.state
        node.connect(to: output) { downstream in
            { value, time in if let joined = combine(value, state[key(value)]) { downstream(joined, time) } }
        }
        return Stream<Output>(pipeline: pipeline, node: output)
    }

    /// Calls `body` for every value; for tests and side effects that need no checkpoint.
    public func forEach(_ body: @escaping (Value, Int64) -> Void) {
        node.connect(body)
    }
}

extension Stream {
    /// Appends every value that `encode` turns into a record to `topic`: for values that are not
    /// `Encodable` (SQL rows in a table's format). A nil from `encode` appends nothing.
    ///
    /// Records are appended at checkpoints, exactly once across crashes (see `PipelineRunner`).
    public func sink(topic: String, encode: @escaping (Value) -> (key: String?, value: Data)?) {
        let pipeline = self.pipeline
        pipeline.declareSink(topic)
        node.connect { value, time in
            guard let record = encode(value) else { return }
            pipeline.emit(topic: topic, key: record.key, value: record.value, timestamp: time)
        }
    }
}

extension Stream where Value: Encodable {
    /// Appends every value as JSON to `topic`, keyed by `key` (unkeyed when nil).
    ///
    /// Records are appended at checkpoints, exactly once across crashes (see `PipelineRunner`).
    public func sink(topic: String, key: ((Value) -> String)? = nil) {
        let pipeline = self.pipeline
        pipeline.declareSink(topic)
        let encode = pipeline.jsonEncoder.encoding(Value.self)
        node.connect { value, time in
            guard let bytes = try? encode(value) else { return }
            pipeline.emit(topic: topic, key: key?(value), value: bytes, timestamp: time)
        }
    }
}

extension Stream where Value: Codable & Sendable {
    /// A view of the last `count` values, newest last, readable at any time.
    public func lastEvents(_ count: Int, name: String? = nil) throws -> RecentEventsView<Value> {
        let state = try pipeline.state.valueState(
            named: pipeline.stateName(name, kind: "last-events"),
            initial: [Value]()
        )
        let view = RecentEventsView<Value>(capacity: count)
        node.connect { value, _ in
            state.value.append(value)
            if state.value.count > count { state.value.removeFirst(state.value.count - count) }
            view.append(value)
        }
        pipeline.state.onRestore { view.replace(with: state.value) }
        return view
    }
}
