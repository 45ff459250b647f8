/// The running state of one aggregate function over one group: checkpointed as JSON, and able to
/// take values out again (retraction) as well as in.
public struct AggregateAccumulator: Sendable, Hashable, Codable {
    /// The values counted: every row for COUNT(*), non-null values otherwise, distinct values for
    /// DISTINCT aggregates.
    public var count: Int64 = 0
    /// The sum of those values for SUM and AVG; NULL until there is one.
    public var sum: SQLValue = .null
    /// Each distinct non-null value with how many times it is in, in ascending order: kept for MIN
    /// and MAX (a retracted minimum gives way to the next) and for DISTINCT aggregates.
    public var valueCounts: [ValueCount]?

    /// A value and how many rows hold it.
    public struct ValueCount: Sendable, Hashable, Codable {
        public var value: SQLValue
        public var count: Int64
    }

    /// Adds `count` occurrences of `value` (negative: removes them); whether the value is new to the
    /// multiset or has left it.
    mutating func changeMultiplicity(of value: SQLValue, by count: Int64) -> (added: Bool, removed: Bool) {
        var entries = valueCounts ?? []
        defer { valueCounts = entries }
        let index = Self.insertionIndex(of: value, in: entries)
        if index < entries.count, AggregateArithmetic.compare(entries[index].value, value) == .orderedSame {
            entries[index].count += count
            guard entries[index].count <= 0 else { return (false, false) }
            entries.remove(at: index)
            return (false, true)
        }
        guard count > 0 else { return (false, false) }
        entries.insert(ValueCount(value: value, count: count), at: index)
        return (true, false)
    }

    /// The first index whose value is not below `value` (a binary search).
    private static func insertionIndex(of value: SQLValue, in entries: [ValueCount]) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if AggregateArithmetic.compare(entries[middle].value, value) == .orderedAscending {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
