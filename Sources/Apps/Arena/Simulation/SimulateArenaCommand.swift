import ArgumentParser
import FastJSON
import KafkaCommandLine

/// `kibitz simulate arena`: superhero games whose server log goes to `lib.server.lobby`.
public struct SimulateArenaCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "arena",
        abstract: "Simulate players fighting superhero games, publishing the game server's log to lib.server.lobby.",
        discussion: """
            Players gather in lobbies of two to six, pick superheroes and fight rounds until one is \
            left; the server logs Lobby Created, Player Joined, Round Started, Attack, Player Defeated, \
            Game Over and, once per game, the host's Cleaning Game Records, as JSON keyed by \
            game_token. Runs until --games games are over or the command is interrupted.
            """
    )

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "Players in the arena, at least 2; lobbies fill from the idle ones.")
    var players = 12

    @Option(help: "Log records per second; 0 sends as fast as the broker takes them.")
    var rate = 50.0

    @Option(help: "Stop when this many games are over (default: run until interrupted).")
    var games: Int?

    @Option(help: "Seed of the players' lobbies, heroes and blows, to replay them exactly (default: random).")
    var seed: UInt64?

    public init() {}

    public func validate() throws {
        guard players >= 2, players <= 100_000 else { throw ValidationError("--players must be 2 to 100000") }
        guard rate >= 0, rate <= 10_000_000 else { throw ValidationError("--rate must be 0 to 10000000") }
        if let games, games < 1 { throw ValidationError("--games must be at least 1") }
    }

    public func run() async throws {
        var publisher = try await PacedPublisher(cluster: cluster, rate: rate, producerDefaults: ["linger.ms": "5"])
        var simulator = ArenaSimulator(seed: seed ?? UInt64.random(in: .min ... .max), players: players, games: games)
        ClientOutput.report("\(players) players logging to \(ArenaLogRecord.topic)")
        while let record = simulator.next(ts: EventJSON.nowMilliseconds()) {
            try await publisher.waitForTurn()
            try publisher.send(record, key: record.gameToken)
            if case .cleaningGameRecords = record.event, simulator.gamesCompleted % 100 == 0 {
                ClientOutput.report("\(simulator.gamesCompleted) games over, \(publisher.sent) records")
            }
        }
        try await publisher.finish(topic: ArenaLogRecord.topic, timeout: .seconds(60), what: "records")
        ClientOutput.report(
            "published \(publisher.sent) records of \(simulator.gamesCompleted) games to \(ArenaLogRecord.topic)"
        )
    }
}
