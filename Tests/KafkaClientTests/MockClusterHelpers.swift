import KafkaClient
import Testing

/// Reads every message of `topic` from the beginning, without a group, until each partition reports its end.
func readAll(topic: String, from cluster: KafkaMockCluster) async throws -> [KafkaMessage] {
    let consumer = try KafkaConsumer(configuration: cluster.configuration(), reportsEndOfPartition: true)
    defer { try? consumer.close() }
    let partitions = try await consumer.assignAllPartitions(of: topic, from: .beginning, timeout: .seconds(5))
    var remaining = Set(partitions)
    var messages: [KafkaMessage] = []
    for try await event in consumer.events {
        switch event {
        case .message(let message): messages.append(message)
        case .endOfPartition(let partition, _): remaining.remove(partition)
        }
        if remaining.isEmpty { break }
    }
    return messages
}

/// Lines `prefix-0` … `prefix-(count-1)`, as messages would carry them.
func numberedValues(_ prefix: String, count: Int) -> [String] {
    (0..<count).map { "\(prefix)-\($0)" }
}
