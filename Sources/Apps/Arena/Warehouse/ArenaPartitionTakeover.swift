/// How the ETL takes up one partition of `lib.server.lobby`: the warehouse generation it writes,
/// how far that generation's files reach, and whether the topic started over under the warehouse.
///
/// Offsets alone cannot tell a topic that was deleted and created again from the old one: the new
/// log reuses offsets from 0, and once it has grown past the old files' reach it looks like their
/// continuation. So the rule rests on the group's committed offset, which the broker deletes with
/// the topic (as Kafka does), and which the ETL makes before it writes the first file of a
/// partition, naming the generation it writes in the commit's metadata:
/// - files of the partition, but no committed offset: the commit was deleted with the topic, so
///   the topic is new, and its games start the next generation, written from its first record;
/// - a committed offset past the log's end: the log lost offsets the group had read, so it
///   started over too (a commit that raced the deletion, or a cluster that kept it);
/// - otherwise the log goes on: the ETL continues the committed generation (or the newest one with
///   files), and games up to its written-through mark were written before a crash or rebalance.
///
/// A crash cannot make the rule fire twice for one restart: the commit naming the new generation
/// comes before its first file, so files of a generation always have a commit behind them; a crash
/// before that commit finds the same old files and no commit, and picks the same new generation.
public struct ArenaPartitionTakeover: Hashable, Sendable {
    /// A topic that started over: what the warehouse held of its previous life, and where the new one ends.
    public struct Restart: Hashable, Sendable {
        /// The generation of the files written from the previous topic.
        public var previousGeneration: Int
        /// The highest clean-up offset among those files.
        public var previousReach: Int64
        /// The new log's end (its high watermark) when the restart was noticed.
        public var logEnd: Int64

        public init(previousGeneration: Int, previousReach: Int64, logEnd: Int64) {
            self.previousGeneration = previousGeneration
            self.previousReach = previousReach
            self.logEnd = logEnd
        }
    }

    /// The generation whose files the ETL reads and writes.
    public let generation: Int
    /// The highest clean-up offset every table of `generation` holds; games up to it are written.
    public let writtenThrough: Int64?
    /// Set when the topic started over under the warehouse.
    public let restart: Restart?
    /// Whether the group must commit `commitMetadata` (at the offset it reads from) before the
    /// partition's first file is written, because the committed offset does not name `generation`.
    public let commitsFirst: Bool

    /// - Parameters:
    ///   - files: what the warehouse holds of the partition.
    ///   - committedOffset: the group's committed offset of the partition, nil when there is none.
    ///   - committedMetadata: the metadata committed with it.
    ///   - logEnd: the partition's high watermark.
    public init(files: ArenaPartitionFiles, committedOffset: Int64?, committedMetadata: String, logEnd: Int64) {
        // Commits made before generations existed name none: they belong to the first.
        let committedGeneration = committedOffset.map { _ in Self.generation(inMetadata: committedMetadata) ?? 0 }
        if let newest = files.newestGeneration, committedOffset == nil || committedOffset! > logEnd {
            generation = max(newest, committedGeneration ?? newest) + 1
            writtenThrough = nil
            restart = Restart(
                previousGeneration: newest,
                previousReach: files.highestOffset(generation: newest) ?? -1,
                logEnd: logEnd
            )
            commitsFirst = true
        } else {
            generation = max(files.newestGeneration ?? 0, committedGeneration ?? 0)
            writtenThrough = files.writtenThrough(generation: generation)
            restart = nil
            commitsFirst = committedGeneration != generation
        }
    }

    /// The metadata that the group commits with the partition's offsets.
    public var commitMetadata: String { Self.metadata(generation: generation) }

    /// The commit metadata naming `generation`.
    public static func metadata(generation: Int) -> String {
        "\(metadataPrefix)\(generation)"
    }

    private static let metadataPrefix = "arena-etl warehouse generation "

    private static func generation(inMetadata metadata: String) -> Int? {
        guard metadata.hasPrefix(metadataPrefix) else { return nil }
        return Int(metadata.dropFirst(metadataPrefix.count)).flatMap { $0 >= 0 ? $0 : nil }
    }
}
