import Foundation
import Locking
import Logging
import NIOCore
import Synchronization

/// One partition stored as a directory of segment files: Kafka's `Log`.
///
/// Appends, reads and offset queries may come from any thread at once. Appends serialise on the
/// partition's lock only for the write(2) into the page cache; validation and CRC checks run before
/// taking it, reads take it only to find the bytes and `pread` outside it, and nothing waits for fsync.
public final class Partition: PartitionLog {
    /// Everything the lock protects.
    struct State: Sendable {
        /// Oldest first; the last one is the active segment that takes appends.
        var segments: [LogSegment]
        var logStartOffset: Int64
        var logEndOffset: Int64
        /// Every offset below it has been compacted (Kafka's cleaner checkpoint); 0 until the first pass.
        var firstDirtyOffset: Int64 = 0
        /// The earliest delete horizon the cleaner gave kept tombstones, while one is pending:
        /// once it passes, a pass is due even if nothing new was written.
        var pendingDeleteHorizon: Int64?
        var producers = ProducerStateTable()
        var waiters: [UInt64: (offset: Int64, callback: @Sendable () -> Void)] = [:]
        var nextWaiterIdentifier: UInt64 = 1
        var isClosed = false
        /// Set when the partition closed because its topic was deleted.
        var wasDeleted: TopicPartition?

        /// Throws what a closed partition answers: unknown if its topic was deleted, closed otherwise.
        func ensureOpen() throws(EventLogError) {
            guard isClosed else { return }
            if let deleted = wasDeleted {
                throw .unknownTopicOrPartition(topic: deleted.topic, partition: deleted.partition)
            }
            throw .closed
        }
    }

    public let topicPartition: TopicPartition
    /// The topic's settings, changed live by AlterConfigs.
    let liveConfiguration: Locked<TopicConfiguration>
    let directory: String
    let indexIntervalBytes: Int
    let cleanerMaximumKeys: Int
    let flusher: Flusher
    let filePool: SegmentFilePool
    let diskFullReporter: DiskFullReporter
    let logger: Logger
    let allocator = ByteBufferAllocator()
    let state: Locked<State>
    /// Serialises the operations that remove or replace closed segments (retention, DeleteRecords,
    /// the cleaner), so that none of them works on a segment another is replacing.
    let maintenanceLock = Locked<Void>(())
    /// Mirrors of the state's offsets, read without the lock by `latestOffset` and `earliestOffset`.
    let endOffset: Atomic<Int64>
    let startOffset: Atomic<Int64>

    init(
        topicPartition: TopicPartition,
        configuration: TopicConfiguration,
        directory: String,
        environment: PartitionEnvironment,
        state: State
    ) {
        self.topicPartition = topicPartition
        self.liveConfiguration = Locked(configuration)
        self.directory = directory
        self.indexIntervalBytes = environment.indexIntervalBytes
        self.cleanerMaximumKeys = environment.cleanerMaximumKeys
        self.flusher = environment.flusher
        self.filePool = environment.filePool
        self.diskFullReporter = environment.diskFullReporter
        self.logger = environment.logger
        self.endOffset = Atomic(state.logEndOffset)
        self.startOffset = Atomic(state.logStartOffset)
        self.state = Locked(state)
    }

    /// The topic's settings now; appends, rolling, retention and the cleaner read them as they go.
    public var configuration: TopicConfiguration { liveConfiguration.withLock { $0 } }

    /// Takes new settings from the next append, roll, retention or cleaning on.
    func reconfigure(_ configuration: TopicConfiguration) {
        liveConfiguration.withLock { $0 = configuration }
    }

    /// The first offset still in the log (Kafka's log start offset).
    public var earliestOffset: Int64 { startOffset.load(ordering: .acquiring) }

    /// The offset the next record will get (Kafka's log end offset); also the high watermark.
    public var latestOffset: Int64 { endOffset.load(ordering: .acquiring) }

    /// Total bytes of the partition's segment files.
    public var sizeInBytes: Int {
        state.withLock { state in state.segments.reduce(0) { $0 + $1.size } }
    }

    /// Number of segment files.
    public var segmentCount: Int { state.withLock { $0.segments.count } }

    /// Calls `callback` once all data appended before this call is durable under the flush policy.
    public func whenDurable(_ callback: @escaping @Sendable (Result<Void, EventLogError>) -> Void) {
        flusher.whenDurable(callback)
    }

    static func currentTimeMilliseconds() -> Int64 {
        Int64(Date().timeIntervalSince1970 * 1000)
    }

    /// Refuses further operations and releases waiters. Unless the partition's files are going
    /// away (its topic was deleted, which later operations report as unknown), writes the active
    /// segment's indexes and the producer state snapshot for a fast start.
    func close(persistingState: Bool = true) {
        let (segment, snapshot, waiters) = state.withLock { state in
            state.isClosed = true
            if !persistingState { state.wasDeleted = topicPartition }
            let waiters = state.waiters.values.map(\.callback)
            state.waiters = [:]
            let snapshot = ProducerStateSnapshot(endOffset: state.logEndOffset, table: state.producers)
            return (state.segments.last, snapshot, waiters)
        }
        if persistingState {
            do {
                try segment?.writeIndexes(directory: directory, synchronize: true)
                try snapshot.write(directory: directory)
                try FileSystem.synchronizeDirectory(directory)
            } catch {
                logger.warning("could not save the state of \(topicPartition)", metadata: ["error": "\(error)"])
            }
        }
        for waiter in waiters { waiter() }
    }
}
