import Apps
import ArgumentParser

/// `kibitz simulate`: game servers that produce their events through the Kafka protocol.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulated game servers producing events to a Kafka cluster (Kibitz or any other).",
        subcommands: KibitzApps.simulateCommands
    )
}
