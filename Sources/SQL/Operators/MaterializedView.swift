import FastJSON
import Foundation
import Locking
import Streams

/// The end of every SQL view: the current rows of a changelog, kept in checkpointed state, readable
/// from any thread as a snapshot and subscribable for changes.
///
/// The rows are a multiset in arrival order, so an append-only view lists rows as they came; an
/// update (`-U` then `+U`) keeps the row's place. With a maximum row count the oldest rows are
/// dropped first (published as `-D`) and counted; a retraction of a row that is not there (dropped,
/// or never added) changes nothing.
///
/// It is the operator that feeds it and its own checkpointed state: `process` it on the view's
/// stream (or call `materialize`), which registers it with the pipeline's state store.
public final class MaterializedView: StreamOperator, CheckpointedState, Sendable {
    public typealias Input = RowChange
    public typealias Output = RowChange

    private struct Rows: Sendable {
        /// Each row by its position number; numbers grow with arrival.
        var rowsBySequence: [Int64: SQLRow] = [:]
        /// Each distinct row's position numbers, oldest first; derived from `rowsBySequence`.
        var sequencesByRow: [SQLRow: [Int64]] = [:]
        var nextSequence: Int64 = 0
        /// No row has a position number below this one; derived.
        var oldestSequence: Int64 = 0
        var droppedRowCount: Int64 = 0
        /// Where the row just retracted by `-U` was, for the `+U` that follows it.
        var updatePosition: Int64?
    }

    /// What a checkpoint keeps.
    private struct Snapshot: Codable {
        var sequences: [Int64]
        var rows: [SQLRow]
        var nextSequence: Int64
        var droppedRowCount: Int64
    }

    private let storage = Locked(Rows())
    private let broadcaster = ViewBroadcaster<RowChange>()
    /// The most rows kept; nil for no limit.
    public let maximumRowCount: Int?

    /// A view keeping at most `maximumRowCount` rows (nil: all).
    public init(maximumRowCount: Int? = nil) {
        self.maximumRowCount = maximumRowCount.map { max(0, $0) }
    }

    /// Materializes `stream` in a new view whose state is named `name` (stable across restarts).
    public static func materialize(
        _ stream: Streams.Stream<RowChange>,
        name: String,
        maximumRowCount: Int? = nil
    ) throws -> MaterializedView {
        let view = MaterializedView(maximumRowCount: maximumRowCount)
        _ = try stream.process(view, name: name)
        return view
    }

    /// The current rows, oldest first.
    public var rows: [SQLRow] { storage.withLock { Self.orderedRows($0) } }

    /// How many rows the view holds.
    public var rowCount: Int { storage.withLock { $0.rowsBySequence.count } }

    /// How many rows were dropped to keep within `maximumRowCount`.
    public var droppedRowCount: Int64 { storage.withLock { $0.droppedRowCount } }

    /// The current rows and every change applied after them, with none missed or repeated.
    public func subscribe() -> (rows: [SQLRow], changes: AsyncStream<RowChange>) {
        storage.withLock { (Self.orderedRows($0), broadcaster.subscribe()) }
    }

    private static func orderedRows(_ rows: Rows) -> [SQLRow] {
        rows.rowsBySequence.sorted { $0.key < $1.key }.map(\.value)
    }

    public func open(state: StateStore, name: String) throws {
        try state.register(self, named: name + ".rows")
    }

    public func process(_ input: RowChange, at timestamp: Int64, context: OperatorContext<RowChange>) {
        let applied = storage.withLock { rows in
            var applied: [RowChange] = []
            if input.kind.isAccumulate {
                let sequence: Int64
                if input.kind == .updateAfter, let position = rows.updatePosition {
                    sequence = position
                } else {
                    sequence = rows.nextSequence
                    rows.nextSequence += 1
                }
                rows.updatePosition = nil
                Self.add(input.row, at: sequence, to: &rows)
                applied.append(input)
                if let maximumRowCount {
                    while rows.rowsBySequence.count > maximumRowCount, let oldest = Self.removeOldest(from: &rows) {
                        rows.droppedRowCount += 1
                        applied.append(RowChange(.delete, oldest))
                    }
                }
            } else {
                let position = Self.remove(input.row, from: &rows)
                rows.updatePosition = input.kind == .updateBefore ? position : nil
                if position != nil { applied.append(input) }
            }
            if broadcaster.hasSubscribers { for change in applied { broadcaster.publish(change) } }
            return applied
        }
        for change in applied { context.emit(change, at: timestamp) }
    }

    private static func add(_ row: SQLRow, at sequence: Int64, to rows: inout Rows) {
        rows.rowsBySequence[sequence] = row
        rows.sequencesByRow[row, default: []].append(sequence)
        rows.sequencesByRow[row]!.sort()
    }

    /// Removes the newest occurrence of `row`; its position, or nil when the row is not there.
    private static func remove(_ row: SQLRow, from rows: inout Rows) -> Int64? {
        guard var sequences = rows.sequencesByRow[row], let sequence = sequences.popLast() else { return nil }
        rows.sequencesByRow[row] = sequences.isEmpty ? nil : sequences
        rows.rowsBySequence[sequence] = nil
        return sequence
    }

    private static func removeOldest(from rows: inout Rows) -> SQLRow? {
        while rows.oldestSequence < rows.nextSequence {
            if let row = rows.rowsBySequence.removeValue(forKey: rows.oldestSequence) {
                rows.sequencesByRow[row]?.removeFirst()
                if rows.sequencesByRow[row]?.isEmpty == true { rows.sequencesByRow[row] = nil }
                return row
            }
            rows.oldestSequence += 1
        }
        return nil
    }

    public func snapshot() throws -> Data {
        let snapshot = storage.withLock { rows in
            let ordered = rows.rowsBySequence.sorted { $0.key < $1.key }
            return Snapshot(
                sequences: ordered.map(\.key),
                rows: ordered.map(\.value),
                nextSequence: rows.nextSequence,
                droppedRowCount: rows.droppedRowCount
            )
        }
        return try FastJSONEncoder().encode(snapshot)
    }

    public func restore(from snapshot: Data) throws {
        let restored = try JSONDecoder().decode(Snapshot.self, from: snapshot)
        var rows = Rows(nextSequence: restored.nextSequence, droppedRowCount: restored.droppedRowCount)
        for (sequence, row) in zip(restored.sequences, restored.rows) { Self.add(row, at: sequence, to: &rows) }
        rows.oldestSequence = restored.sequences.first ?? restored.nextSequence
        storage.withLock { $0 = rows }
    }
}
