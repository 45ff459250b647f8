import Streams

/// Flink's interval join of two insert-only inputs, INNER or LEFT:
/// `l.key = r.key AND r.time BETWEEN l.time + lowerBound AND l.time + upperBound`.
///
/// Each side's rows wait per join key in keyed state while a row of the other side still to come
/// could match them: a left row until the watermark passes its time plus `upperBound`, a right row
/// until it passes its time minus `lowerBound` (rows still to come have times at or above the
/// watermark; see `WindowAggregation` for the configuration that makes this Flink's). A LEFT join
/// emits a left row padded with NULLs when it leaves state without a match, or at once when it
/// arrives too late to wait. Output rows are inserts only.
public final class IntervalJoinOperator: StreamOperator {
    public typealias Input = JoinInput
    public typealias Output = RowChange

    /// A waiting row with its time.
    struct TimedRow: Codable {
        var row: SQLRow
        var time: Int64
        var isMatched: Bool
    }

    /// One join key's waiting rows.
    struct Buffer: Codable {
        var left: [TimedRow] = []
        var right: [TimedRow] = []
    }

    private let isLeftJoin: Bool
    private let leftKey: (SQLRow) -> SQLRow
    private let rightKey: (SQLRow) -> SQLRow
    private let leftTimeColumn: Int
    private let rightTimeColumn: Int
    private let lowerBound: Int64
    private let upperBound: Int64
    private let rightWidth: Int
    private let condition: ((SQLRow) throws(SQLError) -> Bool)?
    private let onError: RowErrorHandler
    private var buffers = KeyValueState<SQLRow, Buffer>()
    /// The keys to prune by when they are due; derived from `buffers`, rebuilt after a restore.
    private var keysByExpiry: [Int64: [SQLRow]] = [:]
    private var nextExpiry = Int64.max

    /// - Parameters:
    ///   - kind: `.inner` or `.left`; others are refused.
    ///   - leftKey, rightKey: the equi-join values of a row of each side.
    ///   - leftTimeColumn, rightTimeColumn: each side's time attribute (a TIMESTAMP).
    ///   - lowerBound, upperBound: the interval of right times around a left time, in milliseconds.
    ///   - rightWidth: the right side's column count, for NULL padding.
    ///   - condition: the rest of the ON condition, over a joined row (left columns, then right).
    ///   - onError: gets rows that are not inserts or have no time, and joined rows whose condition failed.
    public init(
        kind: JoinKind,
        leftKey: @escaping (SQLRow) -> SQLRow,
        rightKey: @escaping (SQLRow) -> SQLRow,
        leftTimeColumn: Int,
        rightTimeColumn: Int,
        lowerBound: Int64,
        upperBound: Int64,
        rightWidth: Int,
        condition: ((SQLRow) throws(SQLError) -> Bool)? = nil,
        onError: @escaping RowErrorHandler = { _, _ in }
    ) throws(SQLError) {
        guard kind == .inner || kind == .left else {
            throw .unsupported("\(kind.rawValue) interval joins")
        }
        guard lowerBound <= upperBound else {
            throw .validation(
                "the interval join's lower bound \(lowerBound) ms is above its upper bound \(upperBound) ms"
            )
        }
        isLeftJoin = kind == .left
        self.leftKey = leftKey
        self.rightKey = rightKey
        self.leftTimeColumn = leftTimeColumn
        self.rightTimeColumn = rightTimeColumn
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.rightWidth = rightWidth
        self.condition = condition
        self.onError = onError
    }

    public func open(state: StateStore, name: String) throws {
        buffers = try state.keyValueState(named: name + ".buffers")
        state.onRestore { [unowned self] in
            keysByExpiry = [:]
            nextExpiry = .max
            for (key, buffer) in buffers.values {
                for left in buffer.left { schedule(key, at: expiry(ofLeft: left.time)) }
                for right in buffer.right { schedule(key, at: expiry(ofRight: right.time)) }
            }
        }
    }

    /// The first watermark at which no right row still to come can match a left row at `time`.
    private func expiry(ofLeft time: Int64) -> Int64 { Self.plus(time, upperBound + 1) }

    /// The first watermark at which no left row still to come can match a right row at `time`.
    private func expiry(ofRight time: Int64) -> Int64 { Self.plus(time, 1 - lowerBound) }

    /// Whether a right row at `rightTime` is in the interval of a left row at `leftTime`.
    private func isInInterval(leftTime: Int64, rightTime: Int64) -> Bool {
        rightTime >= Self.plus(leftTime, lowerBound) && rightTime <= Self.plus(leftTime, upperBound)
    }

    /// `time + offset`, held at the ends of the range rather than trapping on a hostile time.
    private static func plus(_ time: Int64, _ offset: Int64) -> Int64 {
        let (sum, overflow) = time.addingReportingOverflow(offset)
        return overflow ? (offset > 0 ? .max : .min) : sum
    }

    private func schedule(_ key: SQLRow, at time: Int64) {
        keysByExpiry[time, default: []].append(key)
        nextExpiry = min(nextExpiry, time)
    }

    private func matches(_ joinedRow: SQLRow) -> Bool {
        JoinInput.matches(joinedRow, condition: condition, onError: onError)
    }

    public func process(_ input: JoinInput, at timestamp: Int64, context: OperatorContext<RowChange>) {
        let isLeft = input.side == .left
        let row = input.change.row
        let timeColumn = isLeft ? leftTimeColumn : rightTimeColumn
        guard input.change.kind == .insert else {
            onError(SQLError(.execution, "an interval join takes inserts only, not \(input.change.kind)"), row)
            return
        }
        guard timeColumn < row.count, case .timestamp(let time) = row[timeColumn] else {
            onError(SQLError(.execution, "the row has no time in its time attribute column"), row)
            return
        }
        let key = isLeft ? leftKey(row) : rightKey(row)
        let watermark = context.watermark
        guard !key.contains(where: \.isNull) else {
            if isLeft && isLeftJoin { context.emit(RowChange(.insert, padded(row)), at: time) }
            return
        }
        var buffer = buffers[key] ?? Buffer()
        var isMatched = false
        if isLeft {
            for index in buffer.right.indices {
                let right = buffer.right[index]
                guard isInInterval(leftTime: time, rightTime: right.time), matches(row + right.row) else {
                    continue
                }
                isMatched = true
                context.emit(RowChange(.insert, row + right.row), at: timestamp)
            }
            if expiry(ofLeft: time) > watermark {
                buffer.left.append(TimedRow(row: row, time: time, isMatched: isMatched))
                schedule(key, at: expiry(ofLeft: time))
            } else if isLeftJoin && !isMatched {
                context.emit(RowChange(.insert, padded(row)), at: time)
            }
        } else {
            for index in buffer.left.indices {
                let left = buffer.left[index]
                guard isInInterval(leftTime: left.time, rightTime: time), matches(left.row + row) else {
                    continue
                }
                buffer.left[index].isMatched = true
                context.emit(RowChange(.insert, left.row + row), at: timestamp)
            }
            if expiry(ofRight: time) > watermark {
                buffer.right.append(TimedRow(row: row, time: time, isMatched: false))
                schedule(key, at: expiry(ofRight: time))
            }
        }
        buffers[key] = buffer.left.isEmpty && buffer.right.isEmpty ? nil : buffer
    }

    private func padded(_ row: SQLRow) -> SQLRow { row + Array(repeating: .null, count: rightWidth) }

    public func onWatermark(_ watermark: Int64, context: OperatorContext<RowChange>) {
        guard watermark >= nextExpiry else { return }
        var seen = Set<SQLRow>()
        for time in keysByExpiry.keys.filter({ $0 <= watermark }).sorted() {
            for key in keysByExpiry.removeValue(forKey: time) ?? [] where seen.insert(key).inserted {
                guard var buffer = buffers[key] else { continue }
                buffer.left.removeAll { left in
                    guard expiry(ofLeft: left.time) <= watermark else { return false }
                    if isLeftJoin && !left.isMatched {
                        context.emit(RowChange(.insert, padded(left.row)), at: left.time)
                    }
                    return true
                }
                buffer.right.removeAll { expiry(ofRight: $0.time) <= watermark }
                buffers[key] = buffer.left.isEmpty && buffer.right.isEmpty ? nil : buffer
            }
        }
        nextExpiry = keysByExpiry.keys.min() ?? .max
    }
}
