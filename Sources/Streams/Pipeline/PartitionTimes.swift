/// The largest event time read from each source partition, for a runner reading several: the
/// watermark follows the slowest partition that still has records to read (Flink's watermarks per
/// partition, with idle partitions left out), so a backlog read one partition at a time makes no
/// row of another partition late.
@usableFromInline
struct PartitionTimes {
    @usableFromInline var maxima: [Int64] = []
    @usableFromInline var isIdle: [Bool] = []
    /// The partition whose records are being delivered.
    @usableFromInline var current = 0
    /// The smallest maximum among the partitions with records to read (the largest of all when every
    /// partition is idle): the watermark is this less the allowed out-of-orderness.
    @usableFromInline var low = Int64.min

    @inlinable
    init() {}

    /// Whether times are tracked per partition (more than one partition).
    @inlinable
    var isTracking: Bool { maxima.count > 1 }

    /// Starts over for `count` partitions, all active and at no time yet.
    mutating func reset(count: Int) {
        maxima = Array(repeating: .min, count: count)
        isIdle = Array(repeating: false, count: count)
        current = 0
        low = .min
    }

    /// Notes an event time of the current partition; true when `low` moved.
    @inlinable
    mutating func raise(to time: Int64) -> Bool {
        let previous = maxima[current]
        guard time > previous else { return false }
        maxima[current] = time
        guard previous <= low || isIdle[current] else { return false }
        return recompute()
    }

    /// Marks a partition idle (nothing left to read) or active; true when `low` moved.
    mutating func setIdle(_ idle: Bool, partition: Int) -> Bool {
        guard partition < isIdle.count, isIdle[partition] != idle else { return false }
        isIdle[partition] = idle
        return recompute()
    }

    @usableFromInline
    mutating func recompute() -> Bool {
        var smallest = Int64.max
        var largest = Int64.min
        for index in maxima.indices {
            largest = max(largest, maxima[index])
            if !isIdle[index] { smallest = min(smallest, maxima[index]) }
        }
        let new = smallest == .max ? largest : smallest
        guard new != low else { return false }
        low = new
        return true
    }
}
