import ArgumentParser
import Broker
import EventLog
import Logging
import ServiceLifecycle
import Streams

/// `kibitz serve`: the broker over a durable event log, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Kafka-compatible broker over a durable event log."
    )

    @Option(help: "Directory holding topics, segments and committed offsets.")
    var dataDir = "kibitz-data"

    @Option(help: "Address to bind; 127.0.0.1 keeps Kibitz private to this machine.")
    var host = "127.0.0.1"

    @Option(help: "Port of the Kafka protocol.")
    var kafkaPort = 9092

    @Option(help: "Port of the web server (used once the web layer is part of serve).")
    var httpPort = 8080

    @Option(help: "When appends reach the disk: always (group commit before acks=all), interval or never.")
    var fsync: FsyncChoice = .interval

    @Option(help: "Milliseconds between flushes with --fsync interval.")
    var fsyncIntervalMs = 1000

    @Option(help: "Partitions of topics created without a count.")
    var defaultPartitions: Int32 = 1

    @Flag(inversion: .prefixedNo, help: "Create unknown topics when a client asks for their metadata.")
    var autoCreateTopics = true

    @Flag(inversion: .prefixedNo, help: "Run the stream processing pipelines (the chess statistics).")
    var streams = true

    @Option(help: "Milliseconds between checkpoints of the stream processing pipelines.")
    var streamsCheckpointIntervalMs = 1000

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    enum FsyncChoice: String, ExpressibleByArgument, CaseIterable {
        case always, interval, never
    }

    func validate() throws {
        guard (1...65535).contains(kafkaPort) else { throw ValidationError("--kafka-port must be 1 to 65535") }
        guard (1...65535).contains(httpPort) else { throw ValidationError("--http-port must be 1 to 65535") }
        guard fsyncIntervalMs > 0 else { throw ValidationError("--fsync-interval-ms must be positive") }
        guard defaultPartitions >= 1 else { throw ValidationError("--default-partitions must be at least 1") }
        guard streamsCheckpointIntervalMs >= 0 else {
            throw ValidationError("--streams-checkpoint-interval-ms must not be negative")
        }
    }

    func run() async throws {
        var logger = Logger(label: "kibitz")
        logger.logLevel = logLevel

        var logConfiguration = EventLog.Configuration()
        switch fsync {
        case .always: logConfiguration.flushPolicy = .always
        case .interval: logConfiguration.flushPolicy = .interval(milliseconds: fsyncIntervalMs)
        case .never: logConfiguration.flushPolicy = .never
        }
        let log = try EventLog(directory: dataDir, configuration: logConfiguration, logger: logger)
        defer { log.close() }

        var brokerConfiguration = BrokerConfiguration(host: host, port: kafkaPort)
        brokerConfiguration.autoCreateTopics = autoCreateTopics
        brokerConfiguration.defaultPartitions = defaultPartitions
        let broker = KafkaServer(configuration: brokerConfiguration, log: log, logger: logger)

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: broker)]
        if streams {
            // Listed after the broker so that graceful shutdown stops the pipelines (with a last
            // checkpoint) before the broker.
            let chessStatistics = try ChessStatistics(
                configuration: PipelineConfiguration(checkpointIntervalMilliseconds: Int64(streamsCheckpointIntervalMs))
            )
            let runner = PipelineRunner(
                pipeline: chessStatistics.pipeline,
                log: log,
                metrics: StreamsMetrics(),
                logger: logger
            )
            services.append(.init(service: StreamsService(runners: [runner], logger: logger)))
        }

        let serviceGroup = ServiceGroup(
            configuration: .init(
                services: services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await serviceGroup.run()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
