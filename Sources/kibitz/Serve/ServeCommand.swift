import Apps
import ArgumentParser
import Broker
import EventLog
import Logging
import ServiceLifecycle
import Streams
import Web

/// `kibitz serve`: the broker, the stream processors and the web server, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Kafka-compatible broker, the live statistics and the web apps."
    )

    @Option(help: "Directory holding topics, segments and committed offsets.")
    var dataDir = "kibitz-data"

    @Option(help: "Address to bind; 127.0.0.1 keeps Kibitz private to this machine.")
    var host = "127.0.0.1"

    @Option(help: "Port of the Kafka protocol.")
    var kafkaPort = 9092

    @Option(
        help: """
            Port of a second Kafka listener, SASL_PLAINTEXT (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) for the \
            users of `kibitz users`; off unless given.
            """
    )
    var saslPort: Int?

    @Option(help: "Port of the web server.")
    var httpPort = 8080

    @Option(
        name: .customLong("allowed-host"),
        help: "A host name (or name:port) the web server answers besides --host and localhost; repeatable."
    )
    var allowedHosts: [String] = []

    @Option(
        name: .customLong("allowed-origin"),
        help: "An origin (scheme://host[:port]) whose pages may call the web APIs; repeatable."
    )
    var allowedOrigins: [String] = []

    @Flag(help: "Also run the simulators, so that every page is alive on first start.")
    var demo = false

    @Option(help: "When appends reach the disk: always (group commit before acks=all), interval or never.")
    var fsync: FsyncChoice = .interval

    @Option(help: "Milliseconds between flushes with --fsync interval.")
    var fsyncIntervalMs = 1000

    @Option(help: "Partitions of topics created without a count.")
    var defaultPartitions: Int32 = 1

    @Option(help: "Most partitions one topic may have; larger creations get INVALID_PARTITIONS.")
    var maxPartitionsPerTopic = EventLog.Configuration().maximumPartitionsPerTopic

    @Option(help: "Most partitions of all topics together; creations beyond get POLICY_VIOLATION.")
    var maxPartitions = EventLog.Configuration().maximumPartitions

    @Option(help: "Most topics; creations beyond get POLICY_VIOLATION.")
    var maxTopics = EventLog.Configuration().maximumTopics

    @Option(
        help:
            "Milliseconds between passes of the log cleaner over compacted topics (log.cleaner.backoff.ms); 0 turns it off."
    )
    var logCleanerIntervalMs = 15_000

    @Option(help: "Most distinct keys one compaction pass holds in memory (about 100 bytes each).")
    var logCleanerMaxKeys = EventLog.Configuration().cleanerMaximumKeys

    @Flag(inversion: .prefixedNo, help: "Create unknown topics when a client asks for their metadata.")
    var autoCreateTopics = true

    @Flag(
        inversion: .prefixedNo,
        help: "Run the apps' stream processing pipelines (statistics, inventories, leaderboard)."
    )
    var streams = true

    @Option(help: "Milliseconds between checkpoints of the stream processing pipelines.")
    var streamsCheckpointIntervalMs = 1000

    @Option(help: "Largest Kafka request accepted, in bytes (socket.request.max.bytes).")
    var socketRequestMaxBytes = 100 * 1024 * 1024

    @Option(help: "Bytes that large Kafka requests still arriving may hold together (queued.max.request.bytes).")
    var queuedMaxRequestBytes = 256 * 1024 * 1024

    @Option(help: "Kafka connections open at once (max.connections).")
    var maxConnections = 1_000

    @Option(help: "Kafka connections open at once from one address (max.connections.per.ip).")
    var maxConnectionsPerAddress = 500

    @Option(help: "Milliseconds after which a Kafka connection without traffic is closed (connections.max.idle.ms).")
    var connectionsMaxIdleMs = 600_000

    @Option(help: "Milliseconds within which a Kafka request must arrive whole once it has begun.")
    var requestReceiveTimeoutMs = 60_000

    @Option(help: "Requests of one Kafka connection served at once; reading waits while more are unanswered.")
    var maxInFlightRequestsPerConnection = 100

    @Option(
        help: "Milliseconds after which a web connection without traffic either way is closed (WebSocket pings count)."
    )
    var httpIdleTimeoutMs = Int(HTTPLimits().idleTimeout.nanoseconds / 1_000_000)

    @Option(help: "Milliseconds within which a request's head must arrive whole once it has begun; else 408.")
    var httpRequestHeaderTimeoutMs = Int(HTTPLimits().requestHeaderTimeout.nanoseconds / 1_000_000)

    @Option(help: "Largest HTTP request head (request line and headers) in bytes; larger ones get 431.")
    var httpMaxHeaderBytes = HTTPLimits().maximumHeaderBytes

    @Option(help: "Largest HTTP request body the APIs read, in bytes; larger ones get 413.")
    var httpMaxBodyBytes = HTTPLimits().maximumBodyBytes

    @Option(help: "Longest metadata string a committed consumer offset may carry (offset.metadata.max.bytes).")
    var offsetMetadataMaxBytes = 4_096

    @Option(help: "Open WebSocket connections (live pages) at once; more upgrades get 503.")
    var httpMaxWebsockets = HTTPLimits().maximumWebSockets

    @Option(help: "Open WebSocket connections from one client address; more upgrades get 429.")
    var httpMaxWebsocketsPerAddress = HTTPLimits().maximumWebSocketsPerAddress

    @Option(help: "Milliseconds a graceful shutdown may take after SIGTERM or SIGINT before the process exits anyway.")
    var shutdownTimeoutMs = 10_000

    @OptionGroup var appOptions: AppOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    enum FsyncChoice: String, ExpressibleByArgument, CaseIterable {
        case always, interval, never
    }

    func validate() throws {
        guard (1...65535).contains(kafkaPort) else { throw ValidationError("--kafka-port must be 1 to 65535") }
        guard (1...65535).contains(httpPort) else { throw ValidationError("--http-port must be 1 to 65535") }
        if let saslPort {
            guard (1...65535).contains(saslPort) else { throw ValidationError("--sasl-port must be 1 to 65535") }
            guard saslPort != kafkaPort && saslPort != httpPort else {
                throw ValidationError("--sasl-port must differ from --kafka-port and --http-port")
            }
        }
        for origin in allowedOrigins where RequestOriginPolicy.normalizedOrigin(origin) == nil {
            throw ValidationError(
                "--allowed-origin '\(origin)' must be scheme://host[:port], e.g. https://kibitz.example"
            )
        }
        for host in allowedHosts where RequestOriginPolicy.split(authority: host) == nil || host.contains("/") {
            throw ValidationError("--allowed-host '\(host)' must be a host name or name:port, e.g. kibitz.example")
        }
        guard fsyncIntervalMs > 0 else { throw ValidationError("--fsync-interval-ms must be positive") }
        guard defaultPartitions >= 1 else { throw ValidationError("--default-partitions must be at least 1") }
        guard maxPartitionsPerTopic >= 1 else { throw ValidationError("--max-partitions-per-topic must be at least 1") }
        guard maxPartitions >= 1 else { throw ValidationError("--max-partitions must be at least 1") }
        guard maxTopics >= 1 else { throw ValidationError("--max-topics must be at least 1") }
        guard logCleanerIntervalMs >= 0 else { throw ValidationError("--log-cleaner-interval-ms must be 0 or more") }
        guard logCleanerMaxKeys >= 1 else { throw ValidationError("--log-cleaner-max-keys must be at least 1") }
        guard socketRequestMaxBytes >= 1024 else {
            throw ValidationError("--socket-request-max-bytes must be at least 1024")
        }
        guard queuedMaxRequestBytes >= socketRequestMaxBytes else {
            throw ValidationError("--queued-max-request-bytes must be at least --socket-request-max-bytes")
        }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard maxConnectionsPerAddress >= 1 else {
            throw ValidationError("--max-connections-per-address must be at least 1")
        }
        guard connectionsMaxIdleMs >= 1 else { throw ValidationError("--connections-max-idle-ms must be positive") }
        guard requestReceiveTimeoutMs >= 1 else {
            throw ValidationError("--request-receive-timeout-ms must be positive")
        }
        guard maxInFlightRequestsPerConnection >= 1 else {
            throw ValidationError("--max-in-flight-requests-per-connection must be at least 1")
        }
        guard httpIdleTimeoutMs >= 100 else { throw ValidationError("--http-idle-timeout-ms must be at least 100") }
        guard httpRequestHeaderTimeoutMs >= 100 else {
            throw ValidationError("--http-request-header-timeout-ms must be at least 100")
        }
        guard (1024...1_048_576).contains(httpMaxHeaderBytes) else {
            throw ValidationError("--http-max-header-bytes must be 1024 to 1048576 (1 MiB)")
        }
        guard (1024...67_108_864).contains(httpMaxBodyBytes) else {
            throw ValidationError("--http-max-body-bytes must be 1024 to 67108864 (64 MiB)")
        }
        guard offsetMetadataMaxBytes >= 0 else {
            throw ValidationError("--offset-metadata-max-bytes must not be negative")
        }
        guard (1...1_000_000).contains(httpMaxWebsockets) else {
            throw ValidationError("--http-max-websockets must be 1 to 1000000")
        }
        guard (1...httpMaxWebsockets).contains(httpMaxWebsocketsPerAddress) else {
            throw ValidationError("--http-max-websockets-per-address must be 1 to --http-max-websockets")
        }
        guard shutdownTimeoutMs >= 1 else { throw ValidationError("--shutdown-timeout-ms must be positive") }
        guard kafkaPort != httpPort else { throw ValidationError("--kafka-port and --http-port must differ") }
        guard streamsCheckpointIntervalMs >= 0 else {
            throw ValidationError("--streams-checkpoint-interval-ms must not be negative")
        }
    }

    func run() async throws {
        var logger = Logger(label: "kibitz")
        logger.logLevel = logLevel
        // Before anything is opened or created: a clash leaves the data directory as it was.
        try await PortCheck.ensureFree(host: host, port: kafkaPort, option: "--kafka-port")
        try await PortCheck.ensureFree(host: host, port: httpPort, option: "--http-port")
        if let saslPort { try await PortCheck.ensureFree(host: host, port: saslPort, option: "--sasl-port") }

        var logConfiguration = EventLog.Configuration()
        switch fsync {
        case .always: logConfiguration.flushPolicy = .always
        case .interval: logConfiguration.flushPolicy = .interval(milliseconds: fsyncIntervalMs)
        case .never: logConfiguration.flushPolicy = .never
        }
        logConfiguration.maximumPartitionsPerTopic = maxPartitionsPerTopic
        logConfiguration.maximumPartitions = maxPartitions
        logConfiguration.maximumTopics = maxTopics
        logConfiguration.cleanerIntervalMilliseconds = logCleanerIntervalMs > 0 ? logCleanerIntervalMs : nil
        logConfiguration.cleanerMaximumKeys = logCleanerMaxKeys
        let log = try EventLog(directory: dataDir, configuration: logConfiguration, logger: logger)
        defer { log.close() }

        var brokerConfiguration = BrokerConfiguration(host: host, port: kafkaPort)
        brokerConfiguration.saslPort = saslPort
        brokerConfiguration.autoCreateTopics = autoCreateTopics
        brokerConfiguration.defaultPartitions = defaultPartitions
        brokerConfiguration.maximumFrameSize = socketRequestMaxBytes
        brokerConfiguration.queuedMaximumRequestBytes = queuedMaxRequestBytes
        brokerConfiguration.maximumConnections = maxConnections
        brokerConfiguration.maximumConnectionsPerAddress = maxConnectionsPerAddress
        brokerConfiguration.connectionsMaximumIdle = .milliseconds(Int64(connectionsMaxIdleMs))
        brokerConfiguration.requestReceiveTimeout = .milliseconds(Int64(requestReceiveTimeoutMs))
        brokerConfiguration.maximumInFlightRequestsPerConnection = maxInFlightRequestsPerConnection
        brokerConfiguration.offsetMetadataMaximumBytes = offsetMetadataMaxBytes
        let broker = try KafkaServer(configuration: brokerConfiguration, log: log, logger: logger)

        let metrics = StreamsMetrics()
        let environment = AppEnvironment(
            log: log,
            publisher: EventLogPublisher(log: log, defaultPartitions: defaultPartitions),
            bootstrap: ownBootstrap,
            dataDirectory: dataDir,
            pipelineConfiguration: PipelineConfiguration(
                checkpointIntervalMilliseconds: Int64(streamsCheckpointIntervalMs)
            ),
            metrics: metrics,
            logger: logger
        )
        let apps = try await KibitzApps.make(environment, options: appOptions)
        for topic in apps.flatMap(\.topics) {
            try environment.publisher.ensureTopics(
                [topic.name],
                partitions: max(defaultPartitions, topic.minimumPartitions ?? defaultPartitions)
            )
        }

        var webConfiguration = WebConfiguration(host: host, port: httpPort)
        webConfiguration.allowedHosts = allowedHosts
        webConfiguration.allowedOrigins = allowedOrigins
        webConfiguration.limits.idleTimeout = .milliseconds(Int64(httpIdleTimeoutMs))
        webConfiguration.limits.requestHeaderTimeout = .milliseconds(Int64(httpRequestHeaderTimeoutMs))
        webConfiguration.limits.maximumHeaderBytes = httpMaxHeaderBytes
        webConfiguration.limits.maximumBodyBytes = httpMaxBodyBytes
        webConfiguration.limits.maximumWebSockets = httpMaxWebsockets
        webConfiguration.limits.maximumWebSocketsPerAddress = httpMaxWebsocketsPerAddress
        let web = WebApplication.build(
            configuration: webConfiguration,
            apps: apps,
            metrics: { metrics.exposition() },
            logger: logger
        )

        // Graceful shutdown runs in reverse order: simulators, then the web server, then the apps'
        // services, then the pipelines (with a last checkpoint), then the broker.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: broker)]
        if streams {
            let runners = apps.flatMap(\.pipelines).map { pipeline in
                PipelineRunner(pipeline: pipeline, log: log, metrics: metrics, logger: logger)
            }
            services.append(.init(service: StreamsService(runners: runners, logger: logger)))
        }
        services += apps.flatMap(\.services).map { .init(service: $0) }
        services.append(.init(service: web))
        if demo {
            services += apps.flatMap(\.demoServices).map { .init(service: $0) }
        }
        let group = ServiceGroup(
            configuration: .init(
                services: services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        let deadline = ShutdownDeadline(limit: .milliseconds(shutdownTimeoutMs), logger: logger)
        try await group.run()
        withExtendedLifetime(deadline) {}
    }
}

extension ServeCommand {
    /// Where in-process simulators reach this server's broker: a wildcard bind is reached on loopback.
    var ownBootstrap: String {
        let reachableHost = ["0.0.0.0", "::", ""].contains(host) ? "127.0.0.1" : host
        return reachableHost.contains(":") ? "[\(reachableHost)]:\(kafkaPort)" : "\(reachableHost):\(kafkaPort)"
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
