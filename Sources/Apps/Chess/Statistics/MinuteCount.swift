/// How many events fell in one minute of event time.
public struct MinuteCount: Codable, Hashable, Sendable {
    /// Start of the minute, in milliseconds since the epoch.
    public var minute: Int64
    public var count: Int64

    public init(minute: Int64, count: Int64) {
        self.minute = minute
        self.count = count
    }
}
