import Streams

/// Flink's Top-N, `ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...) <= N`, on a changelog: keeps
/// each partition's rows in rank order and emits the changes of its first N rows.
///
/// With the row number (appended to each output row as a BIGINT), a change is reported per rank as
/// Flink does: a rank whose row changed emits `-U` of the old row and `+U` of the new one, a rank
/// newly filled `+I`, a rank emptied `-D`. Without it, a row entering the top N emits `+I` and a
/// row leaving it `-D` (the leaving rows first). Ties go by arrival: an earlier row ranks first.
public final class RankOperator: StreamOperator {
    public typealias Input = RowChange
    public typealias Output = RowChange

    private let partitionKey: (SQLRow) -> SQLRow
    private let sortKey: (SQLRow) -> SQLRow
    private let orders: [SortOrder]
    private let limit: Int
    private let emitsRowNumber: Bool
    private let isAppendOnly: Bool
    private var partitions = KeyValueState<SQLRow, RankedRows>()

    /// - Parameters:
    ///   - partitionKey: the PARTITION BY values of a row (empty for one partition).
    ///   - sortKey: the ORDER BY values of a row, one per `orders` entry.
    ///   - limit: N, at least 1.
    ///   - emitsRowNumber: whether the row number is a column of the output (appended last).
    ///   - isAppendOnly: the input only inserts, so rows beyond the first N are never needed again
    ///     and are not kept.
    public init(
        partitionKey: @escaping (SQLRow) -> SQLRow,
        sortKey: @escaping (SQLRow) -> SQLRow,
        orders: [SortOrder],
        limit: Int,
        emitsRowNumber: Bool,
        isAppendOnly: Bool
    ) {
        self.partitionKey = partitionKey
        self.sortKey = sortKey
        self.orders = orders
        self.limit = max(1, limit)
        self.emitsRowNumber = emitsRowNumber
        self.isAppendOnly = isAppendOnly
    }

    public func open(state: StateStore, name: String) throws {
        partitions = try state.keyValueState(named: name + ".partitions")
    }

    public func process(_ input: RowChange, at timestamp: Int64, context: OperatorContext<RowChange>) {
        let partition = partitionKey(input.row)
        var rows = partitions[partition] ?? RankedRows()
        let before = rows.top(limit)
        let key = sortKey(input.row)
        if input.kind.isAccumulate {
            let index = rows.insert(RankedRows.Entry(sortKey: key, row: input.row), by: orders)
            guard index < limit || !isAppendOnly else { return }
            if isAppendOnly, rows.entries.count > limit { rows.entries.removeLast(rows.entries.count - limit) }
        } else {
            guard rows.remove(input.row, sortKey: key, by: orders) else { return }
        }
        partitions[partition] = rows.entries.isEmpty ? nil : rows
        let after = rows.top(limit)
        for change in Self.changes(from: before, to: after, withRowNumbers: emitsRowNumber) {
            context.emit(change, at: timestamp)
        }
    }

    /// What turns the ranked rows `before` into `after`.
    static func changes(from before: [SQLRow], to after: [SQLRow], withRowNumbers: Bool) -> [RowChange] {
        guard withRowNumbers else {
            var remaining: [SQLRow: Int] = [:]
            for row in before { remaining[row, default: 0] += 1 }
            var entering: [RowChange] = []
            for row in after {
                if let count = remaining[row], count > 0 {
                    remaining[row] = count - 1
                } else {
                    entering.append(RowChange(.insert, row))
                }
            }
            var leaving: [RowChange] = []
            for row in before where (remaining[row] ?? 0) > 0 {
                remaining[row]! -= 1
                leaving.append(RowChange(.delete, row))
            }
            return leaving + entering
        }
        var changes: [RowChange] = []
        for index in 0..<max(before.count, after.count) {
            let rank: SQLValue = .integer(Int64(index + 1))
            switch (index < before.count ? before[index] : nil, index < after.count ? after[index] : nil) {
            case (let old?, let new?) where old != new:
                changes.append(RowChange(.updateBefore, old + [rank]))
                changes.append(RowChange(.updateAfter, new + [rank]))
            case (nil, let new?): changes.append(RowChange(.insert, new + [rank]))
            case (let old?, nil): changes.append(RowChange(.delete, old + [rank]))
            default: break
            }
        }
        return changes
    }
}
