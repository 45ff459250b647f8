import KafkaProtocol

/// The transactions of one partition: which producers have one open (and from which offset),
/// and which ended aborted, so that read_committed consumers can stop at the last stable offset
/// and drop aborted records (Kafka's producer state and `.txnindex`).
///
/// Rebuilt from batch headers and markers at an unclean start, saved with the producer state at
/// a clean one.
public struct TransactionIndex: Sendable, Hashable, Codable {
    /// An aborted transaction: its producer and its first and last offsets (the marker's).
    public struct AbortedTransaction: Sendable, Hashable, Codable {
        public var producerId: Int64
        public var firstOffset: Int64
        public var lastOffset: Int64

        public init(producerId: Int64, firstOffset: Int64, lastOffset: Int64) {
            self.producerId = producerId
            self.firstOffset = firstOffset
            self.lastOffset = lastOffset
        }
    }

    /// Producer id → offset of the first batch of its open transaction.
    public private(set) var openTransactions: [Int64: Int64] = [:]
    /// Aborted transactions in marker order.
    public private(set) var abortedTransactions: [AbortedTransaction] = []

    public init() {}

    /// Records an appended transactional batch (with its assigned offsets); `marker` is the kind
    /// of a control batch's marker.
    mutating func record(_ header: RecordBatchHeader, marker: ControlRecord.Kind?) {
        guard header.attributes.isTransactional else { return }
        guard header.attributes.isControl else {
            if openTransactions[header.producerId] == nil { openTransactions[header.producerId] = header.baseOffset }
            return
        }
        guard let first = openTransactions.removeValue(forKey: header.producerId) else { return }
        if marker == .abort {
            abortedTransactions.append(
                AbortedTransaction(producerId: header.producerId, firstOffset: first, lastOffset: header.baseOffset)
            )
        }
    }

    /// The first offset not yet decided: the start of the oldest open transaction, else the end.
    func lastStableOffset(logEndOffset: Int64) -> Int64 {
        min(openTransactions.values.min() ?? logEndOffset, logEndOffset)
    }

    /// Aborted transactions with records in `offsets`, as Fetch reports them.
    func aborted(overlapping offsets: Range<Int64>) -> [AbortedTransaction] {
        abortedTransactions.filter { $0.firstOffset < offsets.upperBound && $0.lastOffset >= offsets.lowerBound }
    }

    /// Forgets what lies wholly before `logStartOffset` (retention, DeleteRecords).
    mutating func removeBefore(_ logStartOffset: Int64) {
        abortedTransactions.removeAll { $0.lastOffset < logStartOffset }
    }
}
