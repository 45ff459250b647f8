import FastJSON
import Foundation
import KafkaClient
import KafkaCommandLine

/// What the simulators share on their way to a Kafka cluster: a producer (for a command, only once
/// the cluster answered), records sent as JSON at most `rate` a second, and at the end every
/// delivery waited for and checked.
struct PacedPublisher {
    let producer: KafkaProducer
    /// Records a second; 0 sends as fast as the producer takes them.
    let rate: Double
    /// Records handed to the producer so far.
    private(set) var sent = 0
    private let encoder = EventJSON.makeEncoder()
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init(producer: KafkaProducer, rate: Double = 0) {
        self.producer = producer
        self.rate = rate
        self.start = clock.now
    }

    /// A publisher to the cluster of `cluster`, whose metadata is fetched first so that an
    /// unreachable cluster is one clear line rather than deliveries timing out.
    ///   - producerDefaults: librdkafka properties besides the 30 s delivery timeout, which `-X` overrides.
    init(cluster: ClusterOptions, rate: Double = 0, producerDefaults: [String: String] = [:]) async throws {
        let defaults = ["message.timeout.ms": "30000"].merging(producerDefaults) { $1 }
        let configuration = try cluster.configuration(defaults: defaults)
        _ = try await cluster.metadata(with: try KafkaAdministrator(configuration: configuration))
        self.init(producer: try KafkaProducer(configuration: configuration), rate: rate)
    }

    /// Sleeps until the next record is due: records go out on a schedule counted from the start,
    /// so a slow send is caught up on rather than slowing every later one.
    func waitForTurn() async throws {
        guard rate > 0 else { return }
        let due = start + .milliseconds(Int64(Double(sent) * 1_000 / rate))
        if due > clock.now { try await Task.sleep(until: due, clock: clock) }
    }

    /// Hands `record` to the producer, keyed by `key`, without waiting for its delivery.
    mutating func send(_ record: some TopicRecord, key: String) throws {
        try producer.enqueue(KafkaProducerMessage(record, key: key, encoder: encoder))
        sent += 1
    }

    /// Waits up to `timeout` for every record sent to be delivered; a failure, or any record
    /// not delivered, is a `CommandFailure` that says so (`what`: "records", "events").
    func finish(topic: String, timeout: Duration, what: String) async throws {
        do {
            try await producer.flush(timeout: timeout)
        } catch let error as KafkaError {
            throw Self.gaveUp(on: topic, error)
        }
        let statistics = producer.deliveryStatistics
        guard statistics.failed == 0 else {
            throw CommandFailure("\(statistics.failed) of \(sent) \(what) were not delivered")
        }
    }

    /// The failure of a command whose deliveries to `topic` failed for good.
    static func gaveUp(on topic: String, _ error: KafkaError) -> CommandFailure {
        CommandFailure("gave up on \(topic): \(error.message)")
    }
}
