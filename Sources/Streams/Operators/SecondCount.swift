/// How many events fell in one second of event time; nil once the second is forgotten.
public struct SecondCount: Codable, Hashable, Sendable {
    /// Seconds since the epoch.
    public var second: Int64
    public var count: Int64?

    public init(second: Int64, count: Int64?) {
        self.second = second
        self.count = count
    }
}
