/// How far the warehouse's files of one partition reach, generation by generation.
///
/// A generation is one life of `lib.server.lobby`: when the topic is deleted and created again,
/// its offsets start over, and the files of its new games form a new generation (see
/// `ArenaPartitionTakeover`), so that their offsets are never compared with the old ones.
public struct ArenaPartitionFiles: Hashable, Sendable {
    /// The highest clean-up offset in each table's files, by generation.
    public var reach: [Int: [ArenaTable: Int64]]

    public init(reach: [Int: [ArenaTable: Int64]] = [:]) {
        self.reach = reach
    }

    /// The newest generation with a file, or nil when the partition has none.
    public var newestGeneration: Int? { reach.keys.max() }

    /// The highest clean-up offset that every table of `generation` holds, or nil when a table holds none.
    public func writtenThrough(generation: Int) -> Int64? {
        guard let tables = reach[generation], tables.count == ArenaTable.allCases.count else { return nil }
        return tables.values.min()
    }

    /// The highest clean-up offset that any table of `generation` holds, or nil when there are no files.
    public func highestOffset(generation: Int) -> Int64? {
        reach[generation]?.values.max()
    }

    /// Notes a file of `table` and `generation` that reaches `last`.
    mutating func add(_ table: ArenaTable, generation: Int, last: Int64) {
        reach[generation, default: [:]][table] = max(reach[generation]?[table] ?? last, last)
    }
}
