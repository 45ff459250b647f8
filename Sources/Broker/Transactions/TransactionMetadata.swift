import EventLog
import KafkaProtocol

/// What the coordinator knows of one transactional id: its producer, the transaction's state
/// and what the transaction touches. Persisted whole at every change of state (Kafka's
/// `__transaction_state` record).
struct TransactionMetadata: Codable, Sendable, Hashable {
    /// Kafka's transaction states.
    enum State: String, Codable, Sendable {
        case empty = "Empty"
        case ongoing = "Ongoing"
        case prepareCommit = "PrepareCommit"
        case prepareAbort = "PrepareAbort"
        case completeCommit = "CompleteCommit"
        case completeAbort = "CompleteAbort"
    }

    /// An offset committed inside the transaction, applied to its group at commit.
    struct PendingOffset: Codable, Sendable, Hashable {
        var group: String
        var topic: String
        var partition: Int32
        var offset: Int64
        var leaderEpoch: Int32
        var metadata: String
    }

    var transactionalId: String
    var producerId: Int64
    var producerEpoch: Int16
    var timeoutMs: Int32
    var state: State = .empty
    /// Wall-clock milliseconds when the open transaction began (its first AddPartitions/AddOffsets).
    var startedMs: Int64 = 0
    var partitions: Set<TopicPartition> = []
    var groups: Set<String> = []
    var pendingOffsets: [PendingOffset] = []

    /// Why a request of the producer is refused, if it is: an unknown producer id, or an epoch
    /// older than the coordinator's (a zombie fenced by a newer instance).
    func refusal(producerId: Int64, producerEpoch: Int16) -> ErrorCode? {
        guard producerId == self.producerId else { return .invalidProducerIdMapping }
        guard producerEpoch == self.producerEpoch else { return .invalidProducerEpoch }
        return nil
    }

    /// The transaction opens (if it is not open yet) with its first partition or group.
    mutating func open(nowMs: Int64) {
        guard state != .ongoing else { return }
        state = .ongoing
        startedMs = nowMs
        partitions = []
        groups = []
        pendingOffsets = []
    }

    /// The state a finished transaction ends in, and the one in which its markers are written.
    static func states(committing: Bool) -> (prepare: State, complete: State) {
        committing ? (.prepareCommit, .completeCommit) : (.prepareAbort, .completeAbort)
    }
}
