/// Where a pipeline starts reading a source topic the first time it runs, and whether it stops.
///
/// These are Flink's `scan.startup.mode` and `scan.bounded.mode` of the Kafka connector. Once a
/// checkpoint exists, the pipeline goes on from the checkpoint's offsets whatever the start says.
public struct SourceReading: Sendable, Hashable {
    /// The first offset read in each partition on a first run.
    public enum Start: Sendable, Hashable {
        /// The oldest record still in the log.
        case earliest
        /// Records appended after the pipeline started.
        case latest
        /// The first record with a timestamp at or after these epoch milliseconds.
        case timestamp(Int64)
    }

    public var start: Start
    /// Whether to stop at the end offsets the partitions had when the pipeline first ran. When
    /// every source of a pipeline is bounded and has been read to its end, the watermark jumps to
    /// the end of time (every window closes) and `Pipeline.hasFinishedInput` becomes true.
    public var isBounded: Bool

    public init(start: Start = .earliest, isBounded: Bool = false) {
        self.start = start
        self.isBounded = isBounded
    }
}
