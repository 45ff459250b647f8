/// A keyed stream grouped into windows, waiting for an aggregation.
public struct WindowedStream<Key: Hashable & Codable & Sendable, Value> {
    @usableFromInline let keyed: KeyedStream<Key, Value>
    @usableFromInline let windowing: Windowing
    @usableFromInline let emission: WindowEmission
    @usableFromInline let allowedLatenessMilliseconds: Int64

    @usableFromInline
    init(
        keyed: KeyedStream<Key, Value>,
        windowing: Windowing,
        emission: WindowEmission,
        allowedLatenessMilliseconds: Int64
    ) {
        self.keyed = keyed
        self.windowing = windowing
        self.emission = emission
        self.allowedLatenessMilliseconds = allowedLatenessMilliseconds
    }

    /// Aggregates each key's window, emitting results as `emission` says.
    @inlinable
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
    @inlinable
    public func count(name: String? = nil) throws -> Stream<WindowResult<Key, Int64>> {
        try aggregate(.count(), name: name)
    }
}
