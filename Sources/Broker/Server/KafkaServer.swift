import EventLog
import KafkaProtocol
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The broker as a ServiceLifecycle service: listens for Kafka clients until shutdown.
public final class KafkaServer: Service {
    public let configuration: BrokerConfiguration
    public let dispatcher: RequestDispatcher
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    /// Limits that hold across all connections, whatever channel they arrive on.
    private let connectionLimiter: ConnectionLimiter
    private let requestMemoryPool: RequestMemoryPool
    private let warnings = LogRateLimiter(interval: .seconds(10))
    /// Keys the salts SCRAM makes up for unknown users, so they look the same at every attempt.
    private let unknownUserSecret = secureRandomBytes(32)

    public init(
        configuration: BrokerConfiguration,
        log: EventLog,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "kibitz.broker")
    ) throws(EventLogError) {
        self.configuration = configuration
        self.dispatcher = try RequestDispatcher(configuration: configuration, log: log, logger: logger)
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.connectionLimiter = ConnectionLimiter(
            maximumConnections: configuration.maximumConnections,
            maximumConnectionsPerAddress: configuration.maximumConnectionsPerAddress
        )
        self.requestMemoryPool = RequestMemoryPool(capacity: configuration.queuedMaximumRequestBytes)
    }

    /// Binds the plaintext port; the returned channel accepts connections until closed.
    public func bind() async throws -> any Channel {
        try await bind(port: configuration.port, sasl: false)
    }

    /// Binds `port`, whose connections must authenticate first when `sasl` is true.
    public func bind(port: Int, sasl: Bool) async throws -> any Channel {
        try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try self.addConnectionHandlers(to: channel, listenerPort: port, sasl: sasl)
                }
            }
            .bind(host: configuration.host, port: port)
            .get()
    }

    /// Installs the handlers that serve one client connection on `channel`, before it is active.
    ///
    /// `bind()` does this for every accepted connection; a channel made elsewhere (an
    /// `EmbeddedChannel` in tests) gets the same pipeline. Call it on the channel's event loop.
    /// Connections must authenticate first when `sasl` is true; `listenerPort` is advertised to
    /// them (the plaintext port unless given).
    public func addConnectionHandlers(to channel: any Channel, listenerPort: Int? = nil, sasl: Bool = false) throws {
        try channel.pipeline.syncOperations.addHandlers(
            IdleStateHandler(allTimeout: configuration.connectionsMaximumIdle),
            RequestAdmissionHandler(
                limiter: connectionLimiter,
                pool: requestMemoryPool,
                receiveTimeout: configuration.requestReceiveTimeout,
                warnings: warnings,
                logger: logger
            ),
            ByteToMessageHandler(KafkaFrameDecoder(maximumFrameSize: configuration.maximumFrameSize)),
            KafkaConnectionHandler(
                dispatcher: dispatcher,
                listenerPort: listenerPort ?? configuration.port,
                authenticator: sasl
                    ? SaslAuthenticator(credentials: dispatcher.credentials, unknownUserSecret: unknownUserSecret)
                    : nil,
                maximumInFlightRequests: configuration.maximumInFlightRequestsPerConnection,
                warnings: warnings,
                logger: logger
            )
        )
    }

    public func run() async throws {
        let channel = try await bind()
        logger.info(
            "Kafka protocol listening",
            metadata: ["address": "\(configuration.host):\(channel.localAddress?.port ?? configuration.port)"]
        )
        let saslChannel: (any Channel)?
        if let saslPort = configuration.saslPort {
            do {
                saslChannel = try await bind(port: saslPort, sasl: true)
            } catch {
                try? await channel.close()
                throw error
            }
            logger.info(
                "Kafka protocol listening with SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)",
                metadata: ["address": "\(configuration.host):\(saslPort)"]
            )
        } else {
            saslChannel = nil
        }
        let ticker = channel.eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(100), delay: .milliseconds(100))
        {
            [dispatcher] _ in dispatcher.tick()
        }
        try await withGracefulShutdownHandler {
            try await channel.closeFuture.get()
            try await saslChannel?.closeFuture.get()
        } onGracefulShutdown: {
            channel.close(promise: nil)
            saslChannel?.close(promise: nil)
        }
        ticker.cancel()
    }
}
