/// A keyed stream grouped into windows, waiting for an aggregation.
public struct WindowedStream<Key: Hashable & Codable & Sendable, Value> {
    let keyed: KeyedStream<Key, Value>
    let windowing: Windowing
    let emission: WindowEmission
    let allowedLatenessMilliseconds: Int64

    /// Aggregates each key's window, emitting results as `emission` says.
    public func aggregate<Accumulator, Output>(
        _ aggregation: Aggregation<Value, Accumulator, Output>,
        name: String? = nil
    ) throws -> Stream<WindowResult<Key, Output>> {
        let windowOperator = WindowOperator<Key, Value, Accumulator, Output>(
            windowing: windowing,
            emission: emission,
            allowedLatenessMilliseconds: allowedLatenessMilliseconds,
            aggregation: aggregation
        )
        return try keyed.stream.process(windowOperator, name: name)
    }

    /// Counts the events of each key's window.
    public func count(name: String? = nil) throws -> Stream<WindowResult<Key, Int64>> {
        try aggregate(.count(), name: name)
    }
}
