/// A half-open interval of event time, [start, end), in milliseconds since the epoch.
public struct Window: Hashable, Codable, Sendable, Comparable {
    public var start: Int64
    public var end: Int64

    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    public static func < (lhs: Window, rhs: Window) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}
