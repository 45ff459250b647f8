import Streams

/// Flink's non-windowed GROUP BY over a changelog: per group, the row count and one accumulator per
/// aggregate in keyed state; emits the group's row (key values, then aggregate results) as an
/// updating result.
///
/// A group's first row emits `+I`; a later change emits `-U` of the old row and `+U` of the new one,
/// or nothing when the result did not change; the group's last row retracted emits `-D` and drops
/// its state. A retraction for a group without state is ignored. Without aggregates it is SELECT
/// DISTINCT; without key columns, a global aggregate, which emits nothing before its first row.
public final class GroupAggregateOperator: StreamOperator {
    public typealias Input = RowChange
    public typealias Output = RowChange

    /// One group's state.
    struct Group: Codable {
        /// Accumulated rows less retracted ones.
        var rowCount: Int64
        var accumulators: [AggregateAccumulator]
    }

    private let key: (SQLRow) -> SQLRow
    private let aggregates: [AggregateCall]
    private let onError: RowErrorHandler
    private var groups = KeyValueState<SQLRow, Group>()

    /// - Parameters:
    ///   - key: the GROUP BY values of an input row.
    ///   - aggregates: the aggregate calls, in output order.
    ///   - onError: gets each row whose aggregate argument failed; the row is skipped.
    public init(
        key: @escaping (SQLRow) -> SQLRow,
        aggregates: [AggregateCall],
        onError: @escaping RowErrorHandler = { _, _ in }
    ) {
        self.key = key
        self.aggregates = aggregates
        self.onError = onError
    }

    public func open(state: StateStore, name: String) throws {
        groups = try state.keyValueState(named: name + ".groups")
    }

    public func process(_ input: RowChange, at timestamp: Int64, context: OperatorContext<RowChange>) {
        let arguments: [SQLValue]
        do {
            arguments = try aggregates.arguments(of: input.row)
        } catch {
            onError(error, input.row)
            return
        }
        let groupKey = key(input.row)
        let isRetraction = !input.kind.isAccumulate
        // Taken out of the state while it changes, so that its accumulators are never copied.
        guard var group = groups.values.removeValue(forKey: groupKey) else {
            guard !isRetraction else { return }
            var accumulators = aggregates.initialAccumulators
            aggregates.apply(arguments, to: &accumulators, isRetraction: false)
            groups[groupKey] = Group(rowCount: 1, accumulators: accumulators)
            context.emit(RowChange(.insert, groupKey + aggregates.results(accumulators)), at: timestamp)
            return
        }
        let previous = aggregates.results(group.accumulators)
        group.rowCount += isRetraction ? -1 : 1
        guard group.rowCount > 0 else {
            context.emit(RowChange(.delete, groupKey + previous), at: timestamp)
            return
        }
        aggregates.apply(arguments, to: &group.accumulators, isRetraction: isRetraction)
        groups[groupKey] = group
        let current = aggregates.results(group.accumulators)
        guard current != previous else { return }
        context.emit(RowChange(.updateBefore, groupKey + previous), at: timestamp)
        context.emit(RowChange(.updateAfter, groupKey + current), at: timestamp)
    }
}
