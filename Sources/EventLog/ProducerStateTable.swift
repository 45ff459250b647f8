import KafkaProtocol

/// What a partition remembers of each idempotent producer: its epoch and its last few batches.
///
/// Kafka keeps the last five batches per producer because a producer has at most five requests in
/// flight; a retry of any of them must be recognised and answered with the original offsets.
struct ProducerStateTable: Sendable, Codable {
    /// The sequence and offset range of one stored batch.
    struct BatchMetadata: Sendable, Hashable, Codable {
        var firstSequence: Int32
        var lastSequence: Int32
        var firstOffset: Int64
        var lastOffset: Int64
        var timestamp: Int64
    }

    /// One producer's epoch and recent batches, newest last.
    struct Entry: Sendable, Hashable, Codable {
        var epoch: Int16
        var batches: [BatchMetadata]
    }

    /// What to do with a batch.
    enum Verdict: Sendable, Hashable {
        case append
        case duplicate(BatchMetadata)
    }

    static let retainedBatches = 5

    private(set) var producers: [Int64: Entry] = [:]
    /// Open and aborted transactions, kept with the producers they belong to.
    var transactions = TransactionIndex()

    /// Kafka's sequence arithmetic: sequences wrap from Int32.max to 0.
    static func increment(_ sequence: Int32, by amount: Int32) -> Int32 {
        sequence > Int32.max - amount ? amount - (Int32.max - sequence) - 1 : sequence + amount
    }

    /// Decides whether `header` may be appended after the producer's known state (and `pending`,
    /// batches of the same request that come before it).
    func check(_ header: RecordBatchHeader, pending: [Int64: Entry] = [:]) throws(EventLogError) -> Verdict {
        guard header.isIdempotent else { return .append }
        guard let entry = pending[header.producerId] ?? producers[header.producerId] else {
            // An unknown producer may start anywhere: its earlier batches may have been deleted by retention.
            return .append
        }
        if header.producerEpoch < entry.epoch {
            throw .invalidProducerEpoch(
                producerId: header.producerId,
                current: entry.epoch,
                received: header.producerEpoch
            )
        }
        if header.producerEpoch > entry.epoch {
            guard header.baseSequence == 0 else {
                throw .outOfOrderSequence(producerId: header.producerId, expected: 0, received: header.baseSequence)
            }
            return .append
        }
        let lastSequence = Self.increment(header.baseSequence, by: header.lastOffsetDelta)
        if let original = entry.batches.first(where: {
            $0.firstSequence == header.baseSequence && $0.lastSequence == lastSequence
        }) {
            return .duplicate(original)
        }
        guard let newest = entry.batches.last else { return .append }
        let expected = Self.increment(newest.lastSequence, by: 1)
        guard header.baseSequence == expected else {
            throw .outOfOrderSequence(producerId: header.producerId, expected: expected, received: header.baseSequence)
        }
        return .append
    }

    /// The producer's entry after appending `header` (with its assigned `baseOffset`).
    func entry(afterAppending header: RecordBatchHeader, pending: [Int64: Entry] = [:]) -> Entry {
        let batch = BatchMetadata(
            firstSequence: header.baseSequence,
            lastSequence: Self.increment(header.baseSequence, by: header.lastOffsetDelta),
            firstOffset: header.baseOffset,
            lastOffset: header.lastOffset,
            timestamp: header.maxTimestamp
        )
        var entry =
            pending[header.producerId] ?? producers[header.producerId]
            ?? Entry(epoch: header.producerEpoch, batches: [])
        if header.producerEpoch != entry.epoch {
            entry = Entry(epoch: header.producerEpoch, batches: [])
        }
        entry.batches.append(batch)
        if entry.batches.count > Self.retainedBatches {
            entry.batches.removeFirst(entry.batches.count - Self.retainedBatches)
        }
        return entry
    }

    /// Records an appended batch (with its assigned `baseOffset`); `marker` is the kind of a
    /// control batch's transaction marker.
    mutating func record(_ header: RecordBatchHeader, marker: ControlRecord.Kind? = nil) {
        transactions.record(header, marker: marker)
        if header.attributes.isControl {
            // A marker of a newer epoch (the coordinator fenced the producer) retires the old one.
            if let entry = producers[header.producerId], header.producerEpoch > entry.epoch {
                producers[header.producerId] = Entry(epoch: header.producerEpoch, batches: [])
            }
            return
        }
        guard header.isIdempotent else { return }
        producers[header.producerId] = entry(afterAppending: header)
    }

    mutating func update(_ entries: [Int64: Entry]) {
        producers.merge(entries) { _, new in new }
    }
}
