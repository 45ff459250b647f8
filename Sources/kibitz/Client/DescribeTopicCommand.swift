import ArgumentParser
import KafkaClient
import KafkaCommandLine

/// `kibitz topics describe NAME`: partitions with leaders, replicas and low and high watermarks.
struct DescribeTopicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Print a topic's partitions, leaders, replicas and offsets."
    )

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "The topic's name.")
    var name: String

    func run() async throws {
        let output = ClientOutput()
        let administrator = try await cluster.administrator(forExistingTopic: name)
        let description = try await administrator.describeTopic(name, timeout: cluster.timeoutDuration)
        let count = description.partitions.count
        output.writeLine("topic \(name): \(count) partition\(count == 1 ? "" : "s")")
        var rows = [["partition", "leader", "replicas", "in-sync", "low", "high", "messages"]]
        for partition in description.partitions {
            rows.append([
                String(partition.id),
                String(partition.leader),
                partition.replicas.map(String.init).joined(separator: ","),
                partition.inSyncReplicas.map(String.init).joined(separator: ","),
                String(partition.watermarks.low),
                String(partition.watermarks.high),
                String(partition.watermarks.high - partition.watermarks.low),
            ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let padded = zip(row, widths).map { cell, width in cell + String(repeating: " ", count: width - cell.count)
            }
            output.writeLine(padded.joined(separator: "  ").trimmingTrailingSpaces())
        }
        output.flush()
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        String(self[..<(lastIndex { $0 != " " }.map(index(after:)) ?? startIndex)])
    }
}
