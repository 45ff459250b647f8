import Apps
import EventLog
import Foundation
import Hummingbird
import KafkaProtocol
import Logging
import Streams
import Web

/// An `AppEnvironment` over a fresh event log in a temporary directory, as `kibitz serve` builds it,
/// and the router of the apps built from it.
struct AppTestEnvironment {
    let directory: String
    let log: EventLog
    let environment: AppEnvironment

    init() throws {
        directory =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("kibitz-apps-\(UUID().uuidString)").path
        log = try EventLog(directory: directory, configuration: .init(flushPolicy: .never))
        environment = AppEnvironment(
            log: log,
            publisher: EventLogPublisher(log: log),
            bootstrap: "127.0.0.1:1",
            dataDirectory: directory,
            pipelineConfiguration: PipelineConfiguration(),
            metrics: StreamsMetrics(),
            logger: Logger(label: "test")
        )
    }

    /// The web server's router with `apps`, their topics created first.
    func router(_ apps: [any KibitzApp]) throws -> Router<KibitzRequestContext> {
        try createTopics(of: apps)
        return WebApplication.buildRouter(configuration: WebConfiguration(), apps: apps, logger: environment.logger)
    }

    /// The web server `kibitz serve` runs (WebSocket upgrades and connection limits included) with
    /// `apps`, their topics created first.
    func application(
        _ apps: [any KibitzApp],
        configuration: WebConfiguration = WebConfiguration()
    ) throws -> some ApplicationProtocol {
        try createTopics(of: apps)
        return WebApplication.build(
            configuration: configuration,
            apps: apps,
            metrics: { "" },
            logger: environment.logger
        )
    }

    private func createTopics(of apps: [any KibitzApp]) throws {
        for topic in apps.flatMap(\.topics) { try environment.publisher.ensureTopics([topic.name]) }
    }

    /// The records of `topic`'s first partition as (key, value text), in order.
    func records(_ topic: String) throws -> [(key: String?, value: String)] {
        let partition = try log.partition(topic: topic, partition: 0)
        let read = try partition.read(from: partition.earliestOffset, maxBytes: 1 << 24)
        var iterator = RecordBatchIterator(read.records)
        var records: [(key: String?, value: String)] = []
        while let batch = try iterator.next() {
            for record in batch.records {
                records.append(
                    (
                        record.key.map { String(buffer: $0) },
                        record.value.map { String(buffer: $0) } ?? ""
                    )
                )
            }
        }
        return records
    }

    func close() {
        log.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
