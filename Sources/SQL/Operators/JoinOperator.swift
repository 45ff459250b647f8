import Streams

/// Flink's regular equi-join of two changelogs, INNER, LEFT, RIGHT or FULL OUTER (CROSS: no key): each side's rows
/// per join key in keyed state, with their counts and, for an outer side, how many rows of the
/// other side they match.
///
/// The changes are Flink's (StreamingJoinOperator): an inner join forwards its input's kind; an
/// outer join emits `+I` and `-D` only. When a padded row gets its first match, `-D` of the padded
/// row precedes the joined rows; when it loses its last, `+I` of the padded row follows their `-D`.
/// A row with a NULL in its join key matches nothing. A retraction of a row the side does not hold
/// is ignored.
public final class JoinOperator: StreamOperator {
    public typealias Input = JoinInput
    public typealias Output = RowChange

    /// A distinct row of one side under one key.
    struct StoredRow: Codable {
        var row: SQLRow
        /// How many times the row is in.
        var count: Int64
        /// How many rows of the other side it matches (kept for outer sides).
        var matches: Int64
    }

    private let kind: JoinKind
    private let leftKey: (SQLRow) -> SQLRow
    private let rightKey: (SQLRow) -> SQLRow
    private let leftWidth: Int
    private let rightWidth: Int
    private let condition: ((SQLRow) throws(SQLError) -> Bool)?
    private let onError: RowErrorHandler
    private var leftRows = KeyValueState<SQLRow, [StoredRow]>()
    private var rightRows = KeyValueState<SQLRow, [StoredRow]>()

    /// - Parameters:
    ///   - kind: INNER, LEFT, RIGHT, FULL, or CROSS (with empty keys).
    ///   - leftKey, rightKey: the equi-join values of a row of each side, in matching order.
    ///   - leftWidth, rightWidth: each side's column count, for NULL padding.
    ///   - condition: the rest of the ON condition, over a joined row (left columns, then right).
    ///   - onError: gets joined rows whose condition failed; they count as not matching.
    public init(
        kind: JoinKind,
        leftKey: @escaping (SQLRow) -> SQLRow,
        rightKey: @escaping (SQLRow) -> SQLRow,
        leftWidth: Int,
        rightWidth: Int,
        condition: ((SQLRow) throws(SQLError) -> Bool)? = nil,
        onError: @escaping RowErrorHandler = { _, _ in }
    ) {
        self.kind = kind
        self.leftKey = leftKey
        self.rightKey = rightKey
        self.leftWidth = leftWidth
        self.rightWidth = rightWidth
        self.condition = condition
        self.onError = onError
    }

    public func open(state: StateStore, name: String) throws {
        leftRows = try state.keyValueState(named: name + ".left")
        rightRows = try state.keyValueState(named: name + ".right")
    }

    private func joined(_ row: SQLRow, _ other: SQLRow, inputIsLeft: Bool) -> SQLRow {
        inputIsLeft ? row + other : other + row
    }

    private func padded(_ row: SQLRow, isLeft: Bool) -> SQLRow {
        isLeft ? row + Array(repeating: .null, count: rightWidth) : Array(repeating: .null, count: leftWidth) + row
    }

    private func matches(_ joinedRow: SQLRow) -> Bool {
        JoinInput.matches(joinedRow, condition: condition, onError: onError)
    }

    public func process(_ input: JoinInput, at timestamp: Int64, context: OperatorContext<RowChange>) {
        let inputIsLeft = input.side == .left
        let row = input.change.row
        let isAccumulate = input.change.kind.isAccumulate
        let inputIsOuter = kind.keepsUnmatched(input.side)
        let otherIsOuter = kind.keepsUnmatched(inputIsLeft ? .right : .left)
        let (mine, others) = inputIsLeft ? (leftRows, rightRows) : (rightRows, leftRows)
        let emit = { (kind: RowKind, row: SQLRow, times: Int64) in
            for _ in 0..<times { context.emit(RowChange(kind, row), at: timestamp) }
        }
        let key = inputIsLeft ? leftKey(row) : rightKey(row)
        guard !key.contains(where: \.isNull) else {
            if inputIsOuter { emit(isAccumulate ? .insert : .delete, padded(row, isLeft: inputIsLeft), 1) }
            return
        }
        var mineUnderKey = mine[key] ?? []
        let existing = mineUnderKey.firstIndex { $0.row == row }
        if !isAccumulate && existing == nil { return }
        var othersUnderKey = others[key] ?? []
        let matched = othersUnderKey.indices.filter {
            matches(joined(row, othersUnderKey[$0].row, inputIsLeft: inputIsLeft))
        }
        let matchCount = matched.reduce(Int64(0)) { $0 + othersUnderKey[$1].count }
        if isAccumulate {
            if inputIsOuter && matched.isEmpty { emit(.insert, padded(row, isLeft: inputIsLeft), 1) }
            if otherIsOuter {
                for index in matched {
                    if othersUnderKey[index].matches == 0 {
                        emit(
                            .delete,
                            padded(othersUnderKey[index].row, isLeft: !inputIsLeft),
                            othersUnderKey[index].count
                        )
                    }
                    othersUnderKey[index].matches += 1
                }
            }
            let outputKind = inputIsOuter || otherIsOuter ? RowKind.insert : input.change.kind
            for index in matched {
                emit(
                    outputKind,
                    joined(row, othersUnderKey[index].row, inputIsLeft: inputIsLeft),
                    othersUnderKey[index].count
                )
            }
            if let existing {
                mineUnderKey[existing].count += 1
            } else {
                mineUnderKey.append(StoredRow(row: row, count: 1, matches: matchCount))
            }
        } else {
            mineUnderKey[existing!].count -= 1
            if mineUnderKey[existing!].count == 0 { mineUnderKey.remove(at: existing!) }
            if inputIsOuter && matched.isEmpty { emit(.delete, padded(row, isLeft: inputIsLeft), 1) }
            let outputKind = inputIsOuter ? RowKind.delete : input.change.kind
            for index in matched {
                emit(
                    outputKind,
                    joined(row, othersUnderKey[index].row, inputIsLeft: inputIsLeft),
                    othersUnderKey[index].count
                )
            }
            if otherIsOuter {
                for index in matched {
                    othersUnderKey[index].matches -= 1
                    if othersUnderKey[index].matches == 0 {
                        emit(
                            .insert,
                            padded(othersUnderKey[index].row, isLeft: !inputIsLeft),
                            othersUnderKey[index].count
                        )
                    }
                }
            }
        }
        mine[key] = mineUnderKey.isEmpty ? nil : mineUnderKey
        if otherIsOuter && !matched.isEmpty { others[key] = othersUnderKey }
    }
}
