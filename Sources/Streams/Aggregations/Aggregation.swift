/// How values fold into an accumulator (checkpointed as JSON) and what result it gives.
///
/// The built-in aggregations are static members, so call sites read `.count()`, `.sum { $0.price }`,
/// `.top(3, by: \.score, id: \.player)`; `fold` makes a user-defined one.
public struct Aggregation<Input, Accumulator: Codable, Output> {
    /// The accumulator of an empty group.
    public var initial: Accumulator
    /// Adds one value.
    public var add: (inout Accumulator, Input) -> Void
    /// Combines two accumulators; session windows use it when an event bridges two sessions.
    public var merge: (Accumulator, Accumulator) -> Accumulator
    /// The result of an accumulator.
    public var result: (Accumulator) -> Output

    public init(
        initial: Accumulator,
        add: @escaping (inout Accumulator, Input) -> Void,
        merge: @escaping (Accumulator, Accumulator) -> Accumulator,
        result: @escaping (Accumulator) -> Output
    ) {
        self.initial = initial
        self.add = add
        self.merge = merge
        self.result = result
    }
}

extension Aggregation where Accumulator == Output {
    /// A user-defined fold; `merge` combines two partial folds (needed by session windows only;
    /// without it a bridging event keeps the later session's fold).
    public static func fold(
        _ initial: Output,
        merge: ((Output, Output) -> Output)? = nil,
        _ add: @escaping (inout Output, Input) -> Void
    ) -> Aggregation {
        Aggregation(initial: initial, add: add, merge: merge ?? { _, later in later }, result: { $0 })
    }
}

extension Aggregation where Accumulator == Int64, Output == Int64 {
    /// The number of values.
    public static func count() -> Aggregation {
        Aggregation(initial: 0, add: { count, _ in count += 1 }, merge: +, result: { $0 })
    }
}

extension Aggregation where Accumulator == Double, Output == Double {
    /// The sum of `value` over the values.
    public static func sum(_ value: @escaping (Input) -> Double) -> Aggregation {
        Aggregation(initial: 0, add: { sum, input in sum += value(input) }, merge: +, result: { $0 })
    }
}

extension Aggregation where Accumulator == Double?, Output == Double? {
    /// The smallest `value`, nil for no values.
    public static func min(_ value: @escaping (Input) -> Double) -> Aggregation {
        Aggregation(
            initial: nil,
            add: { smallest, input in smallest = Swift.min(smallest ?? .infinity, value(input)) },
            merge: { first, second in [first, second].compactMap { $0 }.min() },
            result: { $0 }
        )
    }

    /// The largest `value`, nil for no values.
    public static func max(_ value: @escaping (Input) -> Double) -> Aggregation {
        Aggregation(
            initial: nil,
            add: { largest, input in largest = Swift.max(largest ?? -.infinity, value(input)) },
            merge: { first, second in [first, second].compactMap { $0 }.max() },
            result: { $0 }
        )
    }
}

extension Aggregation where Accumulator == AverageAccumulator, Output == Double? {
    /// The mean of `value`, nil for no values.
    public static func average(_ value: @escaping (Input) -> Double) -> Aggregation {
        Aggregation(
            initial: AverageAccumulator(),
            add: { accumulator, input in
                accumulator.sum += value(input)
                accumulator.count += 1
            },
            merge: { first, second in AverageAccumulator(sum: first.sum + second.sum, count: first.count + second.count)
            },
            result: { $0.count == 0 ? nil : $0.sum / Double($0.count) }
        )
    }
}

extension Aggregation where Accumulator == Set<String>, Output == Int {
    /// The number of distinct `value`s (exact: the accumulator keeps every distinct value).
    public static func distinctCount(_ value: @escaping (Input) -> String) -> Aggregation {
        Aggregation(
            initial: [],
            add: { seen, input in seen.insert(value(input)) },
            merge: { $0.union($1) },
            result: { $0.count }
        )
    }
}

extension Aggregation where Accumulator == [RankedEntry], Output == [RankedEntry] {
    /// The `count` best values by `score`, best first; an `id` appears once with its best score.
    public static func top(
        _ count: Int,
        by score: @escaping (Input) -> Double,
        id: @escaping (Input) -> String
    ) -> Aggregation {
        Aggregation(
            initial: [],
            add: { ranking, input in
                RankedEntry.insert(RankedEntry(id: id(input), score: score(input)), into: &ranking, keeping: count)
            },
            merge: { first, second in
                var ranking = first
                for entry in second { RankedEntry.insert(entry, into: &ranking, keeping: count) }
                return ranking
            },
            result: { $0 }
        )
    }
}
