/// Identifies a pending data-available notification so that a timed-out long poll can cancel it.
public struct DataAvailabilityToken: Sendable, Hashable {
    /// Unique within its partition.
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The token of a notification that already fired; cancelling it does nothing.
    public static let fired = DataAvailabilityToken(rawValue: 0)
}
