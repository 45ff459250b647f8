import EventLog
import NIOCore
import Streams
import Synchronization

/// Storage over an event log that fails on purpose after a number of source reads or sink appends:
/// the runner stops with an error and takes no final checkpoint, as a process killed at that point.
final class FailingStorage: StreamStorage {
    struct Crash: Error {}

    let log: EventLog
    let readsLeft: Atomic<Int>
    let appendsLeft: Atomic<Int>

    init(log: EventLog, reads: Int = .max, appends: Int = .max) {
        self.log = log
        readsLeft = Atomic(reads)
        appendsLeft = Atomic(appends)
    }

    func partitionLogs(of topic: String) -> [any PartitionLog]? {
        log.partitionLogs(of: topic)?.map { FailingPartition(wrapped: $0, storage: self) }
    }

    func partitionLogs(of topic: String, creatingWith partitions: Int32) throws -> [any PartitionLog] {
        try log.partitionLogs(of: topic, creatingWith: partitions).map { FailingPartition(wrapped: $0, storage: self) }
    }

    func waitUntilDurable() async throws { try await log.waitUntilDurable() }
}

final class FailingPartition: PartitionLog {
    let wrapped: any PartitionLog
    let storage: FailingStorage

    init(wrapped: any PartitionLog, storage: FailingStorage) {
        self.wrapped = wrapped
        self.storage = storage
    }

    var topicPartition: TopicPartition { wrapped.topicPartition }
    var earliestOffset: Int64 { wrapped.earliestOffset }
    var latestOffset: Int64 { wrapped.latestOffset }

    func append(_ batches: ByteBuffer) throws(EventLogError) -> AppendResult {
        guard storage.appendsLeft.subtract(1, ordering: .relaxed).newValue >= 0 else { throw .closed }
        return try wrapped.append(batches)
    }

    func read(from offset: Int64, maxBytes: Int) throws(EventLogError) -> ReadResult {
        guard storage.readsLeft.subtract(1, ordering: .relaxed).newValue >= 0 else { throw .closed }
        return try wrapped.read(from: offset, maxBytes: maxBytes)
    }

    func offset(forTimestamp timestamp: Int64) throws(EventLogError) -> Int64? {
        try wrapped.offset(forTimestamp: timestamp)
    }

    func notifyWhenAvailable(at offset: Int64, _ callback: @escaping @Sendable () -> Void) -> DataAvailabilityToken {
        wrapped.notifyWhenAvailable(at: offset, callback)
    }

    func cancelNotification(_ token: DataAvailabilityToken) {
        wrapped.cancelNotification(token)
    }
}
