import ArgumentParser
import Dispatch
import KafkaClient
import KafkaCommandLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kibitz consume TOPIC`: one message value per line on standard output, like `kcat -C`.
struct ConsumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consume",
        abstract: "Print one message value per line.",
        discussion: """
            Without --group, every partition is read, from the end or with --from-beginning from the start. \
            With --group, the group's committed offsets say where to resume; --from-beginning then applies \
            only to partitions the group has not committed yet. Ctrl-C stops cleanly and commits.
            """
    )

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "The topic to consume.")
    var topic: String

    @Flag(name: .long, help: "Start at the earliest message instead of the next new one.")
    var fromBeginning = false

    @Option(name: .long, help: "Join this consumer group and commit its offsets.")
    var group: String?

    @Flag(name: .long, help: "Exit once every partition has been read to its end.")
    var exitAtEnd = false

    @Option(name: .long, help: "Exit after printing this many messages.")
    var maxMessages: Int?

    @Flag(name: .long, help: "Print each message's key before its value.")
    var printKey = false

    @Option(name: .long, help: "What separates key and value with --print-key.")
    var keySeparator = "\t"

    func validate() throws {
        if let maxMessages, maxMessages < 1 { throw ValidationError("--max-messages must be at least 1") }
        if let group, group.isEmpty { throw ValidationError("--group must not be empty") }
    }

    func run() async throws {
        let configuration = try cluster.configuration()
        let administrator = try KafkaAdministrator(configuration: configuration)
        guard let description = try await cluster.metadata(with: administrator).topic(named: topic) else {
            throw CommandFailure("topic \(topic) does not exist")
        }
        let consumer = try KafkaConsumer(
            configuration: configuration,
            groupID: group,
            offsetReset: fromBeginning ? .earliest : .latest,
            reportsEndOfPartition: exitAtEnd
        )
        if group != nil {
            try consumer.subscribe(to: [topic])
        } else {
            let partitions = description.partitions.map { KafkaTopicPartition(topic: topic, partition: $0.id) }
            try consumer.assign(partitions, from: fromBeginning ? .beginning : .end)
        }

        let stop = StopSignal()
        let output = ClientOutput()
        let count: Int
        do {
            count = try consume(from: consumer, to: output, until: stop)
        } catch {
            output.flush()
            try? consumer.close()
            throw error
        }
        output.flush()
        // Closing commits the group's offsets for everything printed.
        try consumer.close()
        ClientOutput.report("consumed \(count) message\(count == 1 ? "" : "s") from \(topic)")
    }

    /// Prints messages until told to stop, the end is reached with --exit-at-end, or --max-messages is met.
    private func consume(from consumer: KafkaConsumer, to output: ClientOutput, until stop: StopSignal) throws -> Int {
        let separator = Array(keySeparator.utf8)
        var count = 0
        var partitionsAtEnd: Set<KafkaTopicPartition> = []
        while !stop.isRequested {
            guard let event = try consumer.poll(timeout: .milliseconds(100)) else {
                // Nothing waiting: show what has been printed so far.
                output.flush()
                continue
            }
            switch event {
            case .message(let message):
                partitionsAtEnd.remove(KafkaTopicPartition(topic: message.topic, partition: message.partition))
                var line = printKey ? (message.key ?? []) + separator : []
                line += message.value ?? []
                line.append(UInt8(ascii: "\n"))
                output.write(line)
                count += 1
                if let maxMessages, count >= maxMessages { return count }
            case .endOfPartition(let partition, _):
                partitionsAtEnd.insert(partition)
                // A group member's partitions can change with each rebalance, so ask every time.
                let assignment = try consumer.assignment()
                if !assignment.isEmpty && partitionsAtEnd.isSuperset(of: assignment) { return count }
            }
        }
        return count
    }
}

/// Turns SIGINT and SIGTERM into a flag the consume loop checks, so it can commit and close cleanly.
private final class StopSignal {
    private let requested = SignalFlag()
    private let sources: [any DispatchSourceSignal]

    init() {
        let requested = requested
        sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { requested.set() }
            source.resume()
            return source
        }
    }

    var isRequested: Bool { requested.isSet }
}
