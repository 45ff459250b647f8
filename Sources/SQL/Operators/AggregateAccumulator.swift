/// The running state of one aggregate function over one group: checkpointed as JSON, and able to
/// take values out again (retraction) as well as in.
public struct AggregateAccumulator: Sendable, Hashable, Codable {
    /// The values counted: every row for COUNT(*), non-null values otherwise, distinct values for
    /// DISTINCT aggregates.
    public var count: Int64 = 0
    /// The sum of those values for SUM and AVG; NULL until there is one.
    public var sum: SQLValue = .null
    /// Each distinct non-null value with how many rows hold it: kept for MIN and MAX (a retracted
    /// extreme gives way to the next) and for DISTINCT aggregates. A dictionary, so that a value
    /// comes and goes in constant time however many there are.
    public var valueCounts: [SQLValue: Int64]?
    /// The smallest and largest value of `valueCounts`, kept as values come and go.
    public var minimum: SQLValue?
    public var maximum: SQLValue?

    /// Adds `count` occurrences of `value` (negative: removes them); whether the value is new to the
    /// multiset or has left it.
    mutating func changeMultiplicity(of value: SQLValue, by count: Int64) -> (added: Bool, removed: Bool) {
        // Taken out while it changes, so that the dictionary is never copied.
        var counts = valueCounts.take() ?? [:]
        defer { valueCounts = counts }
        let old = counts[value] ?? 0
        let new = old + count
        counts[value] = new > 0 ? new : nil
        let added = old <= 0 && new > 0
        let removed = old > 0 && new <= 0
        if added {
            if minimum.map({ AggregateArithmetic.compare(value, $0) == .orderedAscending }) ?? true { minimum = value }
            if maximum.map({ AggregateArithmetic.compare(value, $0) == .orderedDescending }) ?? true { maximum = value }
        } else if removed {
            // Only the departure of an extreme costs a scan of the values left.
            if minimum == value {
                minimum = counts.keys.min { AggregateArithmetic.compare($0, $1) == .orderedAscending }
            }
            if maximum == value {
                maximum = counts.keys.max { AggregateArithmetic.compare($0, $1) == .orderedAscending }
            }
        }
        return (added, removed)
    }
}
