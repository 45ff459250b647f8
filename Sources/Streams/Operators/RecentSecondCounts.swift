/// Counts events per second of event time and forgets seconds that fell `keptMilliseconds` behind
/// the watermark: a small custom operator with keyed state, emitting table changes (nil: forgotten).
public final class RecentSecondCounts<Input>: StreamOperator {
    public typealias Output = SecondCount

    public let keptMilliseconds: Int64
    private var counts = KeyValueState<Int64, Int64>()
    /// The watermark's second at the last pruning: pruning once per second of event time is enough.
    private var prunedSecond = Int64.min

    public init(keptMilliseconds: Int64) {
        self.keptMilliseconds = keptMilliseconds
    }

    public func open(state: StateStore, name: String) throws {
        counts = try state.keyValueState(named: name)
    }

    public func process(_ input: Input, at timestamp: Int64, context: OperatorContext<SecondCount>) {
        let second = Windowing.floor(timestamp, 1_000) / 1_000
        guard second * 1_000 + keptMilliseconds > context.watermark else { return }
        let count = (counts[second] ?? 0) + 1
        counts[second] = count
        context.emit(SecondCount(second: second, count: count), at: timestamp)
    }

    public func onWatermark(_ watermark: Int64, context: OperatorContext<SecondCount>) {
        let second = Windowing.floor(watermark, 1_000) / 1_000
        guard second != prunedSecond else { return }
        prunedSecond = second
        let expired = counts.values.keys.filter { $0 * 1_000 + keptMilliseconds <= watermark }
        for expiredSecond in expired.sorted() {
            counts[expiredSecond] = nil
            context.emit(SecondCount(second: expiredSecond, count: nil), at: watermark)
        }
    }
}
