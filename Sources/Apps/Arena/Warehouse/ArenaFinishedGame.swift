/// A game whose clean-up record arrived: its rows, ready for the warehouse.
public struct ArenaFinishedGame: Hashable, Sendable {
    public var gameToken: String
    /// Offset of the `Cleaning Game Records` record: file names carry it, so a redelivered game is
    /// recognised as written.
    public var cleanUpOffset: Int64
    /// `ts` of the clean-up record, which picks the `date=` directory.
    public var cleanedAt: Int64
    public var meta: [GameMetaRow]
    public var podium: [GamePodiumRow]

    public init(gameToken: String, cleanUpOffset: Int64, cleanedAt: Int64, meta: [GameMetaRow], podium: [GamePodiumRow])
    {
        self.gameToken = gameToken
        self.cleanUpOffset = cleanUpOffset
        self.cleanedAt = cleanedAt
        self.meta = meta
        self.podium = podium
    }
}
