/// The shop statistics at one moment: the body of `GET /api/shop/stats` and of the live channel.
public struct ShopStatisticsSnapshot: Codable, Hashable, Sendable {
    /// Every closed window added up; its window is the first start to the last end (0 when empty).
    public var totals: ShopMinuteStatistics
    /// The closed one-minute windows, oldest first, at most `ShopStatistics.keptMinutes`.
    public var minutes: [ShopMinuteStatistics]

    public init(totals: ShopMinuteStatistics, minutes: [ShopMinuteStatistics]) {
        self.totals = totals
        self.minutes = minutes
    }
}
