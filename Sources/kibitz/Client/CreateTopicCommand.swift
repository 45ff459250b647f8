import ArgumentParser
import KafkaClient
import KafkaCommandLine

/// `kibitz topics create NAME --partitions N [--config k=v ...]`.
struct CreateTopicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a topic."
    )

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "The topic's name.")
    var name: String

    @Option(name: .long, help: "How many partitions the topic gets.")
    var partitions: Int32 = 1

    @Option(name: .long, help: "How many brokers keep each partition; -1 takes the broker's default.")
    var replicationFactor: Int32 = 1

    @Option(name: .long, help: ArgumentHelp("A topic setting (repeatable).", valueName: "name=value"))
    var config: [String] = []

    func validate() throws {
        guard partitions >= 1 else { throw ValidationError("--partitions must be at least 1") }
        guard replicationFactor >= 1 || replicationFactor == -1 else {
            throw ValidationError("--replication-factor must be at least 1, or -1 for the broker's default")
        }
        _ = try ClusterOptions.parseAssignments(config, option: "--config")
    }

    func run() async throws {
        let settings = try ClusterOptions.parseAssignments(config, option: "--config")
        let output = ClientOutput()
        let administrator = try KafkaAdministrator(configuration: try cluster.configuration())
        _ = try await cluster.metadata(with: administrator)
        try await administrator.createTopic(
            name,
            partitions: partitions,
            replicationFactor: replicationFactor,
            configuration: settings,
            timeout: cluster.timeoutDuration
        )
        output.writeLine("created topic \(name) with \(partitions) partition\(partitions == 1 ? "" : "s")")
        output.flush()
    }
}
