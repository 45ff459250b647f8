/// How a pipeline treats time and how often it checkpoints.
public struct PipelineConfiguration: Sendable, Hashable {
    /// How far behind the newest event time an event may arrive and still be on time, in
    /// milliseconds: the watermark is the largest event time seen minus this.
    public var allowedOutOfOrdernessMilliseconds: Int64
    /// Milliseconds between checkpoints while events flow; sink records are appended at each one.
    public var checkpointIntervalMilliseconds: Int64
    /// Bytes read from a source partition at a time.
    public var readSizeBytes: Int
    /// A checkpoint is taken early when this many sink records are waiting, to bound memory.
    public var maximumPendingOutput: Int

    public init(
        allowedOutOfOrdernessMilliseconds: Int64 = 1_000,
        checkpointIntervalMilliseconds: Int64 = 1_000,
        readSizeBytes: Int = 1 << 20,
        maximumPendingOutput: Int = 100_000
    ) {
        self.allowedOutOfOrdernessMilliseconds = allowedOutOfOrdernessMilliseconds
        self.checkpointIntervalMilliseconds = checkpointIntervalMilliseconds
        self.readSizeBytes = readSizeBytes
        self.maximumPendingOutput = maximumPendingOutput
    }
}
