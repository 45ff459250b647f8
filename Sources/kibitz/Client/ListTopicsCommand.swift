import ArgumentParser
import KafkaClient
import KafkaCommandLine

/// `kibitz topics list`: one topic name per line, sorted.
struct ListTopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print the cluster's topics, one per line."
    )

    @OptionGroup var cluster: ClusterOptions

    @Flag(name: .long, help: "Also print each topic's partition count, after a tab.")
    var partitions = false

    func run() async throws {
        let output = ClientOutput()
        let administrator = try KafkaAdministrator(configuration: try cluster.configuration())
        let metadata = try await cluster.metadata(with: administrator)
        for topic in metadata.topics {
            output.writeLine(partitions ? "\(topic.name)\t\(topic.partitions.count)" : topic.name)
        }
        output.flush()
    }
}
