import ArgumentParser

/// `kibitz serve`'s options of the superhero arena's ETL.
public struct ArenaOptions: ParsableArguments, Sendable {
    @Option(help: "Arena ETL workers writing game_meta and game_podium (0: none); the topic gets a partition each.")
    public var arenaWorkers = 1

    @Option(help: "Milliseconds an arena ETL worker gathers finished games before writing them.")
    public var arenaFlushIntervalMs = 200

    public init() {}

    public func validate() throws {
        guard (0...64).contains(arenaWorkers) else { throw ValidationError("--arena-workers must be 0 to 64") }
        guard arenaFlushIntervalMs >= 1 else { throw ValidationError("--arena-flush-interval-ms must be positive") }
    }
}
