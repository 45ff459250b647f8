import Foundation
import Glibc
import Locking
import Logging
import Synchronization

/// The whole durable store under one data directory: topics, their partitions, committed offsets.
///
/// Layout, rediscovered at start-up:
/// `topics/NAME/topic.json` (partition count and configs), `topics/NAME/P/00000000000000000000.log`
/// with `.index` and `.timeindex` per segment, `groups/` for committed offsets, and a
/// `.clean-shutdown` marker written by `close()`. A `.lock` file keeps a second process out.
public final class EventLog: Sendable {
    /// The data directory.
    public let directory: String
    public let configuration: Configuration
    let logger: Logger
    let flusher: Flusher
    let partitionEnvironment: PartitionEnvironment
    let offsetStore: CommittedOffsetStore
    let topics: Locked<[String: Topic]>
    let lockDescriptor: Int32
    let retentionTask = Locked<PeriodicTask?>(nil)
    let cleanerTask = Locked<PeriodicTask?>(nil)
    let isClosed = Atomic<Bool>(false)

    static let cleanShutdownFileName = ".clean-shutdown"

    var topicsDirectory: String { directory + "/topics" }
    var trashDirectory: String { directory + "/trash" }

    /// Opens (creating if needed) the store in `directory` and recovers every partition in it.
    public init(
        directory: String,
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "kibitz.eventlog")
    ) throws(EventLogError) {
        self.directory = directory
        self.configuration = configuration
        self.logger = logger
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .storage(operation: "mkdir", path: directory, errno: EACCES)
        }
        let lockPath = directory + "/.lock"
        let lockDescriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockDescriptor >= 0 else { throw .storage(operation: "open", path: lockPath, errno: errno) }
        guard flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 else {
            let error = errno
            Glibc.close(lockDescriptor)
            throw .storage(operation: "lock (is another process using it?)", path: lockPath, errno: error)
        }
        self.lockDescriptor = lockDescriptor

        let markerPath = directory + "/" + Self.cleanShutdownFileName
        let cleanShutdown = FileSystem.exists(markerPath)
        let flusher = Flusher(policy: configuration.flushPolicy, logger: logger)
        self.flusher = flusher
        let openFileLimit = FileSystem.raiseOpenFileLimit()
        // Half of the process's descriptors at most: sockets, indexes and the rest need some too.
        let filePool = SegmentFilePool(capacity: min(configuration.maximumOpenSegmentFiles, max(16, openFileLimit / 2)))
        let environment = PartitionEnvironment(
            indexIntervalBytes: configuration.indexIntervalBytes,
            cleanerMaximumKeys: configuration.cleanerMaximumKeys,
            flusher: flusher,
            filePool: filePool,
            diskFullReporter: DiskFullReporter(logger: logger),
            logger: logger
        )
        self.partitionEnvironment = environment
        do {
            if cleanShutdown {
                // From here on a crash must be noticed at the next start.
                try FileSystem.remove(markerPath)
                try FileSystem.synchronizeDirectory(directory)
            } else if FileSystem.exists(directory + "/topics") {
                logger.info("no clean shutdown marker: checking every segment", metadata: ["directory": "\(directory)"])
            }
            try FileSystem.makeDirectory(directory + "/topics")
            try FileSystem.removeTree(directory + "/trash")
            try FileSystem.makeDirectory(directory + "/trash")
            offsetStore = try CommittedOffsetStore(
                directory: directory + "/groups",
                synchronize: configuration.flushPolicy != .never,
                logger: logger
            )
            topics = Locked(
                try Self.loadTopics(
                    in: directory + "/topics",
                    cleanShutdown: cleanShutdown,
                    defaults: configuration.defaultTopicConfiguration,
                    environment: environment
                )
            )
        } catch {
            flusher.stop()
            Glibc.close(lockDescriptor)
            throw error
        }

        if let milliseconds = configuration.retentionCheckIntervalMilliseconds {
            let task = PeriodicTask(name: "EventLog retention", milliseconds: milliseconds) { [weak self] in
                self?.enforceRetention()
            }
            retentionTask.withLock { $0 = task }
        }
        if let milliseconds = configuration.cleanerIntervalMilliseconds {
            let task = PeriodicTask(name: "EventLog cleaner", milliseconds: milliseconds) { [weak self] in
                self?.compactAll()
            }
            cleanerTask.withLock { $0 = task }
        }
    }

    deinit {
        if !isClosed.load(ordering: .acquiring) {
            // Dropped without close(): the next start treats it as a crash and checks everything.
            retentionTask.withLock { $0?.stop() }
            cleanerTask.withLock { $0?.stop() }
            flusher.stop()
            Glibc.close(lockDescriptor)
        }
    }

    /// Opens every topic under `topicsDirectory`. A topic whose metadata is damaged is served from
    /// its partition directories (see `recoverMetadata`); one that cannot be opened at all is
    /// logged and left out, so that one bad topic never stops the whole store from starting.
    private static func loadTopics(
        in topicsDirectory: String,
        cleanShutdown: Bool,
        defaults: TopicConfiguration,
        environment: PartitionEnvironment
    ) throws(EventLogError) -> [String: Topic] {
        let logger = environment.logger
        var topics: [String: Topic] = [:]
        for name in try FileSystem.contents(of: topicsDirectory) {
            let topicDirectory = topicsDirectory + "/" + name
            guard FileSystem.isDirectory(topicDirectory) else { continue }
            let metadata: Topic.MetadataFile
            switch try Topic.MetadataFile.load(from: topicDirectory + "/" + Topic.metadataFileName) {
            case .success(let loaded):
                metadata = loaded
            case .failure(let damage):
                guard let recovered = try recoverMetadata(of: name, in: topicDirectory, damage: damage, logger: logger)
                else { continue }
                metadata = recovered
            }
            // The store's defaults may have changed since the file was written: they apply to every
            // setting the topic does not override. Older files name no overrides; theirs are the
            // settings that differ from the defaults.
            let overrides = metadata.overrides ?? metadata.configuration.kafkaConfigs(differingFrom: defaults)
            let configuration =
                (try? TopicConfiguration(kafkaConfigs: overrides, base: defaults)) ?? metadata.configuration
            do throws(EventLogError) {
                var partitions: [Partition] = []
                for number in 0..<metadata.partitionCount {
                    partitions.append(
                        try Partition.open(
                            topicPartition: TopicPartition(topic: name, partition: number),
                            configuration: configuration,
                            directory: topicDirectory + "/" + String(number),
                            cleanShutdown: cleanShutdown,
                            environment: environment
                        )
                    )
                }
                let description = TopicDescription(
                    name: name,
                    partitionCount: metadata.partitionCount,
                    configuration: configuration,
                    configOverrides: overrides
                )
                topics[name] = Topic(description: description, partitions: partitions)
            } catch {
                logger.error(
                    "could not open topic \(name); it is not served until this is fixed: \(error)",
                    metadata: ["topic": "\(name)", "path": "\(topicDirectory)", "error": "\(error)"]
                )
            }
        }
        return topics
    }

    /// The metadata of a topic whose `topic.json` is damaged, rebuilt from its directory: as many
    /// partitions as numbered directories, the default configuration with retention off so that
    /// nothing is deleted on a guess. The damaged file stays as it is, so every start reports it
    /// until someone repairs it with the command the log line gives. Nil, after an error line,
    /// when the directory holds no partition either.
    private static func recoverMetadata(
        of name: String,
        in topicDirectory: String,
        damage: Topic.MetadataFile.Damage,
        logger: Logger
    ) throws(EventLogError) -> Topic.MetadataFile? {
        let metadataPath = topicDirectory + "/" + Topic.metadataFileName
        let numbers = Set(try FileSystem.contents(of: topicDirectory).compactMap { Int32($0) })
        var partitionCount: Int32 = 0
        while numbers.contains(partitionCount) { partitionCount += 1 }
        guard partitionCount > 0 else {
            logger.error(
                "topic \(name) is not served: its \(Topic.metadataFileName) is damaged (\(damage.reason)) and it has no partition directory",
                metadata: ["topic": "\(name)", "path": "\(metadataPath)"]
            )
            return nil
        }
        var configuration = TopicConfiguration()
        configuration.retentionMilliseconds = -1
        configuration.retentionBytes = -1
        let repair =
            "echo '{\"partitionCount\":\(partitionCount),\"configuration\":{}}' > \(metadataPath)"
        logger.error(
            """
            topic \(name) has a damaged \(metadataPath) (\(damage.reason)): serving its \(partitionCount) \
            partitions with default settings and retention off until it is repaired; to repair, stop \
            the server and write the settings back, for example with default settings: \(repair)
            """,
            metadata: ["topic": "\(name)", "path": "\(metadataPath)", "reason": "\(damage.reason)"]
        )
        return Topic.MetadataFile(
            partitionCount: partitionCount,
            configuration: configuration,
            overrides: ["retention.ms": "-1", "retention.bytes": "-1"]
        )
    }

    /// Flushes everything, writes the indexes and the clean-shutdown marker, and releases the directory.
    ///
    /// Later operations on the log or its partitions throw `closed`. Calling it twice does nothing.
    public func close() {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        retentionTask.withLock { $0?.stop() }
        cleanerTask.withLock { $0?.stop() }
        let partitions = topics.withLock { topics in topics.values.flatMap(\.partitions) }
        var clean = true
        for partition in partitions {
            partition.close()
            // Every segment, not only the active one: under `.never` nothing was forced yet, and
            // the marker lets the next start trust closed segments without reading them.
            for file in partition.state.withLock({ $0.segments.map(\.file) }) {
                do {
                    try file.synchronize()
                } catch {
                    logger.error("final fsync failed", metadata: ["error": "\(error)"])
                    clean = false
                }
            }
        }
        flusher.stop()
        if clean {
            do {
                try FileSystem.write([], to: directory + "/" + Self.cleanShutdownFileName, synchronize: true)
                try FileSystem.synchronizeDirectory(directory)
            } catch {
                logger.error("could not write the clean shutdown marker", metadata: ["error": "\(error)"])
            }
        }
        Glibc.close(lockDescriptor)
    }

    /// How many group-commit flush rounds have completed; each fsyncs every dirty file once.
    public var flushCount: Int { flusher.flushCount }

    /// How many fsync calls on segment files the flush rounds made.
    public var fileSyncCount: Int { flusher.fileSyncCount }

    /// How many segment files are open now; at most `maximumOpenSegmentFiles` while none is in use.
    public var openSegmentFileCount: Int { partitionEnvironment.filePool.openCount }

    /// Calls `callback` once everything appended before this call is durable under the flush policy:
    /// with `.always` after the next group fsync, otherwise at once. acks=all answers from here.
    public func whenDurable(_ callback: @escaping @Sendable (Result<Void, EventLogError>) -> Void) {
        flusher.whenDurable(callback)
    }

    /// Returns once everything appended before this call is durable under the flush policy.
    public func waitUntilDurable() async throws(EventLogError) {
        let result = await withCheckedContinuation { continuation in
            flusher.whenDurable { continuation.resume(returning: $0) }
        }
        try result.get()
    }

    /// Applies retention to every partition now; returns how many segments were deleted.
    @discardableResult
    public func enforceRetention(now: Int64? = nil) -> Int {
        let partitions = topics.withLock { topics in topics.values.flatMap(\.partitions) }
        return partitions.reduce(0) { $0 + $1.enforceRetention(now: now) }
    }
}
