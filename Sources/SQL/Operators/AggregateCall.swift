/// An aggregate function applied to an argument computed from each input row: one item of a
/// GROUP BY's or a window's select list, as the planner compiles it.
public struct AggregateCall {
    public let function: AggregateFunction
    /// Computes the argument from an input row; nil for COUNT(*).
    public let argument: ((SQLRow) throws(SQLError) -> SQLValue)?

    public init(_ function: AggregateFunction, argument: ((SQLRow) throws(SQLError) -> SQLValue)?) {
        self.function = function
        self.argument = argument
    }
}

extension [AggregateCall] {
    /// Every call's argument for `row` (NULL for COUNT(*)), computed before any state changes, so a
    /// row whose argument fails changes nothing.
    func arguments(of row: SQLRow) throws(SQLError) -> [SQLValue] {
        var arguments: [SQLValue] = []
        arguments.reserveCapacity(count)
        for call in self { arguments.append(try call.argument?(row) ?? .null) }
        return arguments
    }

    /// One empty accumulator per call.
    var initialAccumulators: [AggregateAccumulator] { map(\.function.initialAccumulator) }

    /// Folds one row's arguments in (`isRetraction`: takes them out).
    func apply(_ arguments: [SQLValue], to accumulators: inout [AggregateAccumulator], isRetraction: Bool) {
        for index in indices {
            if isRetraction {
                self[index].function.retract(&accumulators[index], arguments[index])
            } else {
                self[index].function.accumulate(&accumulators[index], arguments[index])
            }
        }
    }

    /// The accumulators of two partial groups as one.
    func merge(_ first: [AggregateAccumulator], _ second: [AggregateAccumulator]) -> [AggregateAccumulator] {
        indices.map { self[$0].function.merge(first[$0], second[$0]) }
    }

    /// Every call's result.
    func results(_ accumulators: [AggregateAccumulator]) -> [SQLValue] {
        indices.map { self[$0].function.result(accumulators[$0]) }
    }
}
