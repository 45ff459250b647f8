import ArgumentParser
import KafkaClient
import KafkaCommandLine

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
        let administrator = try await cluster.administrator(forExistingTopic: name)
        try await administrator.deleteTopic(name, timeout: cluster.timeoutDuration)
        output.writeLine("deleted topic \(name)")
        output.flush()
    }
}
