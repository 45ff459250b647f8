/// What one pass of the log cleaner did to a partition.
public struct CompactionResult: Sendable, Hashable {
    /// How many closed segments were rewritten.
    public var segmentsCleaned: Int
    /// Records dropped: superseded by a later record of the same key, or tombstones past their horizon.
    public var recordsRemoved: Int
    /// Bytes of the rewritten segments before and after.
    public var bytesBefore: Int
    public var bytesAfter: Int
    /// Where the next pass starts reading new keys: every offset below it is compacted.
    public var firstDirtyOffset: Int64

    public init(segmentsCleaned: Int, recordsRemoved: Int, bytesBefore: Int, bytesAfter: Int, firstDirtyOffset: Int64) {
        self.segmentsCleaned = segmentsCleaned
        self.recordsRemoved = recordsRemoved
        self.bytesBefore = bytesBefore
        self.bytesAfter = bytesAfter
        self.firstDirtyOffset = firstDirtyOffset
    }
}
