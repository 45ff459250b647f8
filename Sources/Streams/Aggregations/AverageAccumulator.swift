/// The running sum and count behind `Aggregation.average`.
public struct AverageAccumulator: Codable, Hashable, Sendable {
    public var sum: Double
    public var count: Int64

    public init(sum: Double = 0, count: Int64 = 0) {
        self.sum = sum
        self.count = count
    }
}
