import EventLog
import Foundation
import Logging
import Streams

/// What every app is built from: the embedded log, a publisher into it, where the server's own
/// broker is reached, the pipelines' settings, metrics and the logger.
public struct AppEnvironment: Sendable {
    public var log: EventLog
    public var publisher: EventLogPublisher
    /// `host:port` of this server's Kafka listener, for simulators and workers that go through the
    /// protocol as outside clients would.
    public var bootstrap: String
    /// The data directory, under which an app may keep files of its own (the arena's warehouse).
    public var dataDirectory: String
    public var pipelineConfiguration: PipelineConfiguration
    public var metrics: StreamsMetrics
    public var logger: Logger

    public init(
        log: EventLog,
        publisher: EventLogPublisher,
        bootstrap: String,
        dataDirectory: String,
        pipelineConfiguration: PipelineConfiguration,
        metrics: StreamsMetrics,
        logger: Logger
    ) {
        self.log = log
        self.publisher = publisher
        self.bootstrap = bootstrap
        self.dataDirectory = dataDirectory
        self.pipelineConfiguration = pipelineConfiguration
        self.metrics = metrics
        self.logger = logger
    }
}
