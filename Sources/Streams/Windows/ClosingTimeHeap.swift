/// The distinct times at which open windows close, smallest first: a binary min-heap, so that a
/// window operator finds its next closing time without scanning every open window (session
/// windows each close at their own time, so there are as many times as open sessions).
@usableFromInline
struct ClosingTimeHeap {
    @usableFromInline var times: [Int64] = []

    @usableFromInline init() {}

    /// The smallest time, or nil when empty.
    @inlinable var minimum: Int64? { times.first }

    @inlinable
    mutating func insert(_ time: Int64) {
        times.append(time)
        var child = times.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard times[child] < times[parent] else { break }
            times.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the smallest time.
    @inlinable
    mutating func removeMinimum() -> Int64? {
        guard let first = times.first else { return nil }
        let last = times.removeLast()
        guard !times.isEmpty else { return first }
        times[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < times.count else { break }
            let right = left + 1
            let smaller = right < times.count && times[right] < times[left] ? right : left
            guard times[smaller] < times[parent] else { break }
            times.swapAt(parent, smaller)
            parent = smaller
        }
        return first
    }
}
