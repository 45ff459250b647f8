/// Where an append landed in the partition.
public struct AppendResult: Sendable, Hashable {
    /// Offset assigned to the first record of the first batch.
    public var baseOffset: Int64
    /// Offset assigned to the last record of the last batch.
    public var lastOffset: Int64
    /// Wall-clock milliseconds of the append; the broker answers -1 for CreateTime topics.
    public var logAppendTime: Int64
    /// The topic's `message.timestamp.type` at the append: Produce answers `logAppendTime` only
    /// for `logAppendTime`, -1 otherwise.
    public var timestampType: TimestampType
    /// Log start offset at the time of the append, for the Produce response.
    public var logStartOffset: Int64
    /// Whether an idempotent producer resent a batch already stored; then nothing was written and the
    /// offsets are those of the original.
    public var isDuplicate: Bool

    public init(
        baseOffset: Int64,
        lastOffset: Int64,
        logAppendTime: Int64,
        logStartOffset: Int64,
        timestampType: TimestampType = .createTime,
        isDuplicate: Bool = false
    ) {
        self.timestampType = timestampType
        self.baseOffset = baseOffset
        self.lastOffset = lastOffset
        self.logAppendTime = logAppendTime
        self.logStartOffset = logStartOffset
        self.isDuplicate = isDuplicate
    }
}
