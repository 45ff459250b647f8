/// What a partition's ETL took in but did not write, by cause: counts since the processor was made.
public struct ArenaSetAside: Codable, Hashable, Sendable {
    /// Records of games not in progress here: the tail of a game written before a restart, or the
    /// records of a game published again.
    public var ignoredRecords = 0
    /// Games dropped after `ArenaPartitionETL.abandonAfterMilliseconds` without a record.
    public var abandonedGames = 0
    /// Games published again after they were written.
    public var repeatedGames = 0

    public init(ignoredRecords: Int = 0, abandonedGames: Int = 0, repeatedGames: Int = 0) {
        self.ignoredRecords = ignoredRecords
        self.abandonedGames = abandonedGames
        self.repeatedGames = repeatedGames
    }

    /// What was set aside after `earlier`, an earlier count of the same processor.
    public func since(_ earlier: ArenaSetAside) -> ArenaSetAside {
        ArenaSetAside(
            ignoredRecords: ignoredRecords - earlier.ignoredRecords,
            abandonedGames: abandonedGames - earlier.abandonedGames,
            repeatedGames: repeatedGames - earlier.repeatedGames
        )
    }
}
