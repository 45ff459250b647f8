import Streams

/// Flink's Top-N per window (`PARTITION BY window_start, window_end, ...`) over the insert-only
/// output of a window aggregation: collects each window's best N rows and emits them, as inserts,
/// when the watermark passes the window's end, then frees the window's state.
///
/// A window aggregation emits a window's rows at the watermark that closes it, before this
/// operator sees that watermark, so rows are accepted until their window has fired here; a row for
/// a window already fired is late, dropped and counted.
public final class WindowRankOperator: StreamOperator {
    public typealias Input = RowChange
    public typealias Output = RowChange

    private let partitionKey: (SQLRow) -> SQLRow
    private let sortKey: (SQLRow) -> SQLRow
    private let orders: [SortOrder]
    private let limit: Int
    private let emitsRowNumber: Bool
    private let windowEndColumn: Int
    private let onError: RowErrorHandler
    private var partitions = KeyValueState<SQLRow, RankedRows>()
    /// The watermark at which windows last fired: windows ending at or before it are done.
    private var firedWatermark = ValueState<Int64>(.min)
    /// Each window end with its partitions; derived from `partitions`, rebuilt after a restore.
    private var partitionsByEnd: [Int64: [SQLRow]] = [:]
    private var nextEnd = Int64.max

    /// - Parameters:
    ///   - partitionKey: the PARTITION BY values of a row, window_start and window_end included.
    ///   - sortKey: the ORDER BY values of a row, one per `orders` entry.
    ///   - limit: N, at least 1.
    ///   - emitsRowNumber: whether the row number is a column of the output (appended last).
    ///   - windowEndColumn: the index of window_end (a TIMESTAMP) in the input rows.
    ///   - onError: gets rows without a window end; they are skipped.
    public init(
        partitionKey: @escaping (SQLRow) -> SQLRow,
        sortKey: @escaping (SQLRow) -> SQLRow,
        orders: [SortOrder],
        limit: Int,
        emitsRowNumber: Bool,
        windowEndColumn: Int,
        onError: @escaping RowErrorHandler = { _, _ in }
    ) {
        self.partitionKey = partitionKey
        self.sortKey = sortKey
        self.orders = orders
        self.limit = max(1, limit)
        self.emitsRowNumber = emitsRowNumber
        self.windowEndColumn = windowEndColumn
        self.onError = onError
    }

    public func open(state: StateStore, name: String) throws {
        partitions = try state.keyValueState(named: name + ".partitions")
        firedWatermark = try state.valueState(named: name + ".fired", initial: Int64.min)
        state.onRestore { [unowned self] in
            partitionsByEnd = [:]
            nextEnd = .max
            for (partition, rows) in partitions.values {
                if let end = windowEnd(of: rows.entries[0].row) { schedule(partition, end: end) }
            }
        }
    }

    private func windowEnd(of row: SQLRow) -> Int64? {
        guard windowEndColumn < row.count, case .timestamp(let end) = row[windowEndColumn] else { return nil }
        return end
    }

    private func schedule(_ partition: SQLRow, end: Int64) {
        partitionsByEnd[end, default: []].append(partition)
        nextEnd = min(nextEnd, end)
    }

    public func process(_ input: RowChange, at timestamp: Int64, context: OperatorContext<RowChange>) {
        guard let end = windowEnd(of: input.row) else {
            onError(SQLError(.execution, "the row has no window_end"), input.row)
            return
        }
        guard end > firedWatermark.value else {
            context.countLate()
            return
        }
        let partition = partitionKey(input.row)
        var rows = partitions[partition] ?? RankedRows()
        if rows.entries.isEmpty { schedule(partition, end: end) }
        rows.insert(RankedRows.Entry(sortKey: sortKey(input.row), row: input.row), by: orders)
        // The input only inserts: a row beyond the best N is never needed again.
        if rows.entries.count > limit { rows.entries.removeLast() }
        partitions[partition] = rows
    }

    public func onWatermark(_ watermark: Int64, context: OperatorContext<RowChange>) {
        firedWatermark.value = watermark
        guard watermark >= nextEnd else { return }
        for end in partitionsByEnd.keys.filter({ $0 <= watermark }).sorted() {
            let due = (partitionsByEnd.removeValue(forKey: end) ?? []).sorted {
                SortOrder.compare($0, $1, by: Array(repeating: SortOrder(), count: $0.count)) == .orderedAscending
            }
            for partition in due {
                guard let rows = partitions.values.removeValue(forKey: partition) else { continue }
                for (index, row) in rows.top(limit).enumerated() {
                    context.emit(
                        RowChange(.insert, emitsRowNumber ? row + [.integer(Int64(index + 1))] : row),
                        at: end - 1
                    )
                }
            }
        }
        nextEnd = partitionsByEnd.keys.min() ?? .max
    }
}
