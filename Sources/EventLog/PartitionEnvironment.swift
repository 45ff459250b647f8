import Logging

/// What every partition of one store shares: settings, the flusher, the pool of open segment
/// files, the disk-full reporter and the logger.
struct PartitionEnvironment: Sendable {
    var indexIntervalBytes: Int
    var cleanerMaximumKeys: Int
    var flusher: Flusher
    var filePool: SegmentFilePool
    var diskFullReporter: DiskFullReporter
    var logger: Logger
}
