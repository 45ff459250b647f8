import Foundation

/// Everything a pipeline needs to resume as if it had never stopped: its state, the source offsets
/// that state reflects, its event-time progress, and the sink records of the epoch it closes.
///
/// The sink records are in the checkpoint (a write-ahead of the sinks): they are appended only after
/// the checkpoint is on disk, and a restart appends whichever of them the sink does not hold yet.
struct Checkpoint: Codable {
    static let currentVersion = 2

    var version = Self.currentVersion
    /// Number of the checkpoint; sink records of this epoch carry it in a header.
    var epoch: Int64
    /// Wall-clock milliseconds when it was taken.
    var createdAt: Int64
    /// The next offset to read, per source partition.
    var sourceOffsets: [PartitionOffset]
    /// Where each partition of a bounded source ends, fixed when the pipeline first ran (absent in
    /// checkpoints of pipelines without bounded sources and of earlier versions).
    var sourceEndOffsets: [PartitionOffset]? = nil
    var maximumEventTime: Int64
    var watermark: Int64
    /// Each state's snapshot, by name.
    var state: [String: Data]
    /// The sink records of this epoch, encoded per partition as the batches that are appended.
    var output: [SinkBatch]
    /// The log end offset of each sink partition `output` goes to, taken before appending: where a
    /// restart starts looking for records of this epoch that are already there.
    var outputStartOffsets: [PartitionOffset]
}

/// An offset in one partition of a topic.
struct PartitionOffset: Codable, Hashable {
    var topic: String
    var partition: Int32
    var offset: Int64
}
