import EventLog
import Foundation
import KafkaProtocol
import Locking
import Logging

/// Kafka's transaction coordinator for every transactional id: producer ids and epochs, the
/// partitions and groups of each open transaction, and its end, written as markers into every
/// partition it touched.
///
/// Each transaction's metadata is stored durably (`DurableRecordStore`) before the step that
/// relies on it: PrepareCommit or PrepareAbort before any marker, Complete after the last. At
/// start-up a prepared transaction is finished and an open one aborted, so a kill -9 never
/// leaves a transaction half visible.
final class TransactionCoordinator: Sendable {
    /// transaction.max.timeout.ms: the longest transaction a producer may ask for.
    static let maximumTimeoutMs: Int32 = 900_000

    private let log: EventLog
    private let store: DurableRecordStore
    private let producerIds: ProducerIdAllocator
    private let logger: Logger
    private let transactions: Locked<[String: TransactionMetadata]>

    init(log: EventLog, producerIds: ProducerIdAllocator, logger: Logger) throws(EventLogError) {
        self.log = log
        self.store = try DurableRecordStore(directory: log.directory + "/transactions")
        self.producerIds = producerIds
        self.logger = logger
        var loaded: [String: TransactionMetadata] = [:]
        for bytes in try store.readAll() {
            guard let metadata = try? JSONDecoder().decode(TransactionMetadata.self, from: Data(bytes)) else {
                logger.error(
                    "skipping an unreadable transaction state file",
                    metadata: ["directory": "\(store.directory)"]
                )
                continue
            }
            loaded[metadata.transactionalId] = metadata
            producerIds.reserve(through: metadata.producerId)
        }
        self.transactions = Locked(loaded)
        try recover()
    }

    /// Finishes what a crash interrupted: prepared transactions complete as decided, open ones abort.
    private func recover() throws(EventLogError) {
        try transactions.withLock { transactions throws(EventLogError) in
            for id in transactions.keys.sorted() {
                var metadata = transactions[id]!
                switch metadata.state {
                case .prepareCommit: try complete(&metadata, committing: true)
                case .prepareAbort, .ongoing:
                    logger.info("aborting a transaction left open at shutdown", metadata: ["transactionalId": "\(id)"])
                    try complete(&metadata, committing: false)
                case .empty, .completeCommit, .completeAbort: continue
                }
                transactions[id] = metadata
            }
        }
    }

    // MARK: Requests

    /// InitProducerId with a transactional id: a new producer gets an id at epoch 0; a known one
    /// the next epoch, which fences its older instances, after its open transaction is aborted.
    func initProducerId(
        transactionalId: String,
        timeoutMs: Int32
    ) -> (error: ErrorCode, producerId: Int64, producerEpoch: Int16) {
        guard timeoutMs > 0, timeoutMs <= Self.maximumTimeoutMs else { return (.invalidTransactionTimeout, -1, -1) }
        do {
            return try transactions.withLock { transactions throws(EventLogError) in
                guard var metadata = transactions[transactionalId] else {
                    let metadata = TransactionMetadata(
                        transactionalId: transactionalId,
                        producerId: producerIds.next(),
                        producerEpoch: 0,
                        timeoutMs: timeoutMs
                    )
                    try persist(metadata)
                    transactions[transactionalId] = metadata
                    return (.none, metadata.producerId, metadata.producerEpoch)
                }
                if metadata.state == .prepareCommit {
                    try complete(&metadata, committing: true)
                }
                if metadata.state == .ongoing || metadata.state == .prepareAbort {
                    // The abort markers carry the new epoch, so every partition of the transaction
                    // fences the old instance at once (as Kafka does), not only the coordinator.
                    metadata.producerEpoch += 1
                    try complete(&metadata, committing: false)
                } else if metadata.producerEpoch >= Int16.max - 1 {
                    // Kafka moves to a fresh producer id when the epoch would wrap.
                    metadata.producerId = producerIds.next()
                    metadata.producerEpoch = 0
                } else {
                    metadata.producerEpoch += 1
                }
                metadata.timeoutMs = timeoutMs
                metadata.state = .empty
                try persist(metadata)
                transactions[transactionalId] = metadata
                return (.none, metadata.producerId, metadata.producerEpoch)
            }
        } catch {
            return (RequestDispatcher.errorCode(for: error), -1, -1)
        }
    }

    /// AddPartitionsToTxn: the partitions join the open transaction (opening it).
    func addPartitions(
        transactionalId: String,
        producerId: Int64,
        producerEpoch: Int16,
        partitions: [TopicPartition]
    ) -> [TopicPartition: ErrorCode] {
        func all(_ error: ErrorCode) -> [TopicPartition: ErrorCode] {
            Dictionary(partitions.map { ($0, error) }, uniquingKeysWith: { first, _ in first })
        }
        let unknown = partitions.filter { (try? log.partition(topic: $0.topic, partition: $0.partition)) == nil }
        if !unknown.isEmpty {
            var errors = all(.operationNotAttempted)
            for partition in unknown { errors[partition] = .unknownTopicOrPartition }
            return errors
        }
        return all(
            update(transactionalId, producerId: producerId, producerEpoch: producerEpoch) { metadata in
                metadata.partitions.formUnion(partitions)
            }
        )
    }

    /// AddOffsetsToTxn: the group's offsets will be committed with the transaction.
    func addOffsets(transactionalId: String, producerId: Int64, producerEpoch: Int16, group: String) -> ErrorCode {
        update(transactionalId, producerId: producerId, producerEpoch: producerEpoch) { metadata in
            metadata.groups.insert(group)
        }
    }

    /// TxnOffsetCommit: offsets held with the transaction until it commits (dropped if it aborts).
    func commitOffsets(
        transactionalId: String,
        producerId: Int64,
        producerEpoch: Int16,
        offsets: [TransactionMetadata.PendingOffset]
    ) -> ErrorCode {
        update(transactionalId, producerId: producerId, producerEpoch: producerEpoch, opening: false) { metadata in
            let replaced = Set(offsets.map { "\($0.group)\u{0}\($0.topic)\u{0}\($0.partition)" })
            metadata.pendingOffsets.removeAll { replaced.contains("\($0.group)\u{0}\($0.topic)\u{0}\($0.partition)") }
            metadata.pendingOffsets += offsets
        }
    }

    /// EndTxn: commits or aborts the open transaction; a retry of the same end succeeds again.
    func end(transactionalId: String, producerId: Int64, producerEpoch: Int16, committing: Bool) -> ErrorCode {
        do {
            return try transactions.withLock { transactions throws(EventLogError) -> ErrorCode in
                guard var metadata = transactions[transactionalId] else { return .invalidProducerIdMapping }
                if let refusal = metadata.refusal(producerId: producerId, producerEpoch: producerEpoch) {
                    return refusal
                }
                switch (metadata.state, committing) {
                case (.ongoing, _):
                    try complete(&metadata, committing: committing)
                    transactions[transactionalId] = metadata
                    return .none
                case (.completeCommit, true), (.completeAbort, false):
                    return .none
                default:
                    return .invalidTxnState
                }
            }
        } catch {
            return RequestDispatcher.errorCode(for: error)
        }
    }

    /// Aborts transactions open longer than their timeout, bumping the epoch so that the
    /// producer that let it expire is fenced, as Kafka does.
    func abortExpired(nowMs: Int64) {
        transactions.withLock { transactions in
            for (id, var metadata) in transactions where metadata.state == .ongoing {
                guard nowMs - metadata.startedMs > Int64(metadata.timeoutMs) else { continue }
                logger.info("aborting a transaction past its timeout", metadata: ["transactionalId": "\(id)"])
                do {
                    // The markers carry the new epoch, so the partitions fence the late producer too.
                    metadata.producerEpoch += 1
                    try complete(&metadata, committing: false)
                } catch {
                    logger.error(
                        "aborting an expired transaction failed",
                        metadata: ["transactionalId": "\(id)", "error": "\(error)"]
                    )
                }
                transactions[id] = metadata
            }
        }
    }

    /// Whether a transactional Produce may write to `partition`: the transactional id's open
    /// transaction belongs to this producer and epoch and holds the partition (Kafka's partition
    /// verification, KIP-890). A batch outside any transaction would hold back read_committed
    /// readers of the partition forever.
    func verifyProduce(
        transactionalId: String,
        producerId: Int64,
        producerEpoch: Int16,
        partition: TopicPartition
    ) -> ErrorCode {
        transactions.withLock { transactions in
            guard let metadata = transactions[transactionalId] else { return .invalidProducerIdMapping }
            if let refusal = metadata.refusal(producerId: producerId, producerEpoch: producerEpoch) { return refusal }
            guard metadata.state == .ongoing, metadata.partitions.contains(partition) else { return .invalidTxnState }
            return .none
        }
    }

    /// The partitions whose offsets of `group` wait in an open transaction (OffsetFetch's require_stable).
    func partitionsWithPendingOffsets(group: String) -> Set<TopicPartition> {
        transactions.withLock { transactions in
            Set(
                transactions.values.filter { $0.state == .ongoing }.flatMap { metadata in
                    metadata.pendingOffsets.filter { $0.group == group }.map {
                        TopicPartition(topic: $0.topic, partition: $0.partition)
                    }
                }
            )
        }
    }

    // MARK: Steps

    /// Checks the producer, opens the transaction if asked and applies `change`, stored durably.
    private func update(
        _ transactionalId: String,
        producerId: Int64,
        producerEpoch: Int16,
        opening: Bool = true,
        _ change: (inout TransactionMetadata) -> Void
    ) -> ErrorCode {
        do {
            return try transactions.withLock { transactions throws(EventLogError) -> ErrorCode in
                guard var metadata = transactions[transactionalId] else { return .invalidProducerIdMapping }
                if let refusal = metadata.refusal(producerId: producerId, producerEpoch: producerEpoch) {
                    return refusal
                }
                switch metadata.state {
                case .prepareCommit, .prepareAbort: return .concurrentTransactions
                case .empty, .completeCommit, .completeAbort:
                    if opening { metadata.open(nowMs: Self.nowMs()) } else { return .invalidTxnState }
                case .ongoing: break
                }
                let before = metadata
                change(&metadata)
                if metadata != before { try persist(metadata) }
                transactions[transactionalId] = metadata
                return .none
            }
        } catch {
            return RequestDispatcher.errorCode(for: error)
        }
    }

    /// Writes the markers of the decision into every partition of the transaction and, when
    /// committing, its offsets; stored as prepared first and complete last.
    private func complete(_ metadata: inout TransactionMetadata, committing: Bool) throws(EventLogError) {
        let (prepare, complete) = TransactionMetadata.states(committing: committing)
        metadata.state = prepare
        try persist(metadata)
        let marker = ControlRecord(kind: committing ? .commit : .abort)
        for topicPartition in metadata.partitions.sorted(by: { ($0.topic, $0.partition) < ($1.topic, $1.partition) }) {
            // A partition deleted since it joined has nothing left to mark.
            guard let partition = try? log.partition(topic: topicPartition.topic, partition: topicPartition.partition)
            else { continue }
            try partition.appendMarker(marker, producerId: metadata.producerId, producerEpoch: metadata.producerEpoch)
        }
        if committing {
            // Only groups added with AddOffsetsToTxn commit with the transaction, as in Kafka, where
            // the marker reaches only the offsets partitions the transaction added.
            let added = metadata.pendingOffsets.filter { metadata.groups.contains($0.group) }
            for (group, offsets) in Dictionary(grouping: added, by: \.group) {
                try log.commitOffsets(
                    group: group,
                    offsets: Dictionary(
                        offsets.map {
                            (
                                TopicPartition(topic: $0.topic, partition: $0.partition),
                                CommittedOffset(offset: $0.offset, leaderEpoch: $0.leaderEpoch, metadata: $0.metadata)
                            )
                        },
                        uniquingKeysWith: { _, last in last }
                    )
                )
            }
        }
        metadata.state = complete
        metadata.partitions = []
        metadata.groups = []
        metadata.pendingOffsets = []
        try persist(metadata)
    }

    private func persist(_ metadata: TransactionMetadata) throws(EventLogError) {
        let bytes: Data
        do {
            bytes = try JSONEncoder().encode(metadata)
        } catch {
            throw .storage(operation: "encode", path: store.directory, errno: 0)
        }
        try store.write(Array(bytes), key: metadata.transactionalId)
    }

    private static func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
