import KafkaProtocol
import NIOCore

extension Partition {
    /// Ends `producerId`'s transaction in this partition with a marker (commit or abort), as the
    /// transaction coordinator writes it; returns the marker's offset. A marker for a producer
    /// without an open transaction here is written too (a retried EndTxn) and changes nothing.
    @discardableResult
    public func appendMarker(
        _ marker: ControlRecord,
        producerId: Int64,
        producerEpoch: Int16
    ) throws(EventLogError) -> Int64 {
        let batch = marker.batch(
            producerId: producerId,
            producerEpoch: producerEpoch,
            timestamp: Self.currentTimeMilliseconds()
        )
        return try append(batch, marker: marker.kind).baseOffset
    }

    /// The first offset whose transaction is undecided, or the log end: read_committed reads stop here.
    public var lastStableOffset: Int64 {
        state.withLock { $0.producers.transactions.lastStableOffset(logEndOffset: $0.logEndOffset) }
    }

    /// The aborted transactions with records in `offsets`, for a read_committed Fetch.
    public func abortedTransactions(overlapping offsets: Range<Int64>) -> [TransactionIndex.AbortedTransaction] {
        state.withLock { state in
            state.producers.transactions.removeBefore(state.logStartOffset)
            return state.producers.transactions.aborted(overlapping: offsets)
        }
    }

    /// The producers with a transaction open here, with its first offset.
    public var openTransactions: [Int64: Int64] {
        state.withLock { $0.producers.transactions.openTransactions }
    }
}
