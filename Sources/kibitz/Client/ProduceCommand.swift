import ArgumentParser
import KafkaClient
import KafkaCommandLine

extension KafkaCompression: ExpressibleByArgument {}
extension KafkaAcknowledgments: ExpressibleByArgument {}

/// `kibitz produce TOPIC`: one message per line of standard input, like `kcat -P`.
struct ProduceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "produce",
        abstract: "Produce one message per line of standard input.",
        discussion: """
            With --key-separator, each line is split at the first separator into key and value; \
            a line without the separator becomes a value without a key. A summary goes to stderr.
            """
    )

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "The topic to produce to.")
    var topic: String

    @Option(name: .long, help: "Split each line at the first SEP into key and value.")
    var keySeparator: String?

    @Option(
        name: .long,
        help: "Batch compression: \(KafkaCompression.allCases.map(\.rawValue).joined(separator: "|"))."
    )
    var compression: KafkaCompression = .none

    @Option(name: .long, help: "Acknowledgments to wait for: 0, 1 or all.")
    var acks: KafkaAcknowledgments = .all

    @Option(name: .long, help: "The partition to write to (default: chosen by key).")
    var partition: Int32?

    func validate() throws {
        if let keySeparator, keySeparator.isEmpty { throw ValidationError("--key-separator must not be empty") }
        if let partition, partition < 0 { throw ValidationError("--partition must be 0 or more") }
    }

    func run() async throws {
        // Messages get at least 30 s to be delivered: --timeout bounds reaching the cluster,
        // not how long a large input may take to drain.
        let deliveryTimeout = max(cluster.timeoutDuration, .seconds(30))
        let configuration = try cluster.configuration(defaults: [
            "message.timeout.ms": String(deliveryTimeout.components.seconds * 1_000)
        ])
        let administrator = try KafkaAdministrator(configuration: configuration)
        let metadata = try await cluster.metadata(with: administrator)
        if let partition, let known = metadata.topic(named: topic), partition >= known.partitions.count {
            throw CommandFailure(
                "topic \(topic) has \(known.partitions.count) partitions, so there is no partition \(partition)"
            )
        }

        let producer = try KafkaProducer(configuration: configuration, compression: compression, acknowledgments: acks)
        var count = 0
        while let line = readLine(strippingNewline: true) {
            try producer.enqueue(message(from: line))
            count += 1
        }
        do {
            try await producer.flush(timeout: deliveryTimeout + .seconds(5))
        } catch let error as KafkaError {
            throw CommandFailure("gave up on \(topic): \(error.message)")
        }
        let statistics = producer.deliveryStatistics
        let settings = "compression \(compression.rawValue), acks \(acks.rawValue)"
        guard statistics.failed == 0 else {
            let reason = statistics.firstError.map { ": \($0.message) (\($0.name))" } ?? ""
            throw CommandFailure("\(statistics.failed) of \(count) messages to \(topic) were not delivered\(reason)")
        }
        ClientOutput.report("produced \(count) message\(count == 1 ? "" : "s") to \(topic) (\(settings))")
    }

    private func message(from line: String) -> KafkaProducerMessage {
        if let keySeparator, let separator = line.firstRange(of: keySeparator) {
            return KafkaProducerMessage(
                topic: topic,
                partition: partition,
                key: String(line[..<separator.lowerBound]),
                value: String(line[separator.upperBound...])
            )
        }
        return KafkaProducerMessage(topic: topic, partition: partition, value: line)
    }
}
