import ArgumentParser

/// The `kibitz` command: broker, processors, web server and tools in one binary.
@main
struct Kibitz: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kibitz",
        abstract: "Real-time game event streaming and live analytics in one binary.",
        subcommands: [
            ServeCommand.self, ChessCommand.self, TopicsCommand.self, ProduceCommand.self, ConsumeCommand.self,
            SimulateCommand.self, SQLCommand.self, UsersCommand.self,
        ]
    )
}
