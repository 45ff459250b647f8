import Streams

/// The first step of a window aggregation: takes each row's event time from its time column and
/// drops rows that Flink drops as late, counting them.
///
/// Flink assigns a row to the slice of its windows that holds it (the window for TUMBLE, a step for
/// CUMULATE, the greatest common divisor of size and slide for HOP) and drops it when that slice
/// has fired, even if larger windows holding it have not; Streams' window operator would still add
/// it to those, so the rule is applied here. Session windows keep Streams' rule (a row whose own
/// gap has passed is late).
final class WindowInputOperator: StreamOperator {
    typealias Input = RowChange
    typealias Output = RowChange

    private let timeColumn: Int
    private let sliceLength: Int64?
    private let onError: RowErrorHandler

    init(timeColumn: Int, windowing: Windowing, onError: @escaping RowErrorHandler) {
        self.timeColumn = timeColumn
        self.onError = onError
        switch windowing {
        case .tumbling(let size): sliceLength = Self.milliseconds(size)
        case .hopping(let size, let advance):
            sliceLength = Self.greatestCommonDivisor(Self.milliseconds(size), Self.milliseconds(advance))
        case .cumulative(_, let step): sliceLength = Self.milliseconds(step)
        case .session: sliceLength = nil
        }
    }

    func process(_ input: RowChange, at timestamp: Int64, context: OperatorContext<RowChange>) {
        guard input.kind == .insert else {
            onError(SQLError(.execution, "a window aggregation takes inserts only, not \(input.kind)"), input.row)
            return
        }
        guard timeColumn < input.row.count, case .timestamp(let time) = input.row[timeColumn] else {
            onError(SQLError(.execution, "the row has no time in its time attribute column"), input.row)
            return
        }
        if let sliceLength, Windowing.floor(time, sliceLength) + sliceLength <= context.watermark {
            context.countLate()
            return
        }
        context.emit(input, at: time)
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(1, seconds * 1_000 + attoseconds / 1_000_000_000_000_000)
    }

    private static func greatestCommonDivisor(_ first: Int64, _ second: Int64) -> Int64 {
        second == 0 ? first : greatestCommonDivisor(second, first % second)
    }
}
