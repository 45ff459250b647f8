import ArgumentParser
import KafkaClient

/// `kibitz topics delete NAME`.
struct DeleteTopicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a topic and all of its messages."
    )

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "The topic's name.")
    var name: String

    func run() async throws {
        let output = ClientOutput()
        let administrator = try KafkaAdministrator(configuration: try cluster.configuration())
        // Checking first gives a plain answer for a missing topic whatever the broker's error says.
        guard try await cluster.metadata(with: administrator).topic(named: name) != nil else {
            throw ClientFailure("topic \(name) does not exist")
        }
        try await administrator.deleteTopic(name, timeout: cluster.timeoutDuration)
        output.writeLine("deleted topic \(name)")
        output.flush()
    }
}
