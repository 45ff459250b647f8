import ArgumentParser

/// `kibitz topics`: list, create, describe and delete topics on any Kafka cluster.
struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "List, create, describe and delete topics.",
        subcommands: [
            ListTopicsCommand.self, CreateTopicCommand.self, DescribeTopicCommand.self, DeleteTopicCommand.self,
        ]
    )
}
