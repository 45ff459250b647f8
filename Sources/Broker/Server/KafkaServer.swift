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

    /// Binds the port; the returned channel accepts connections until closed.
    public func bind() async throws -> any Channel {
        try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try self.addConnectionHandlers(to: channel) }
            }
            .bind(host: configuration.host, port: configuration.port)
            .get()
    }

    /// Installs the handlers that serve one client connection on `channel`, before it is active.
    ///
    /// `bind()` does this for every accepted connection; a channel made elsewhere (an
    /// `EmbeddedChannel` in tests) gets the same pipeline. Call it on the channel's event loop.
    public func addConnectionHandlers(to channel: any Channel) throws {
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
        let ticker = channel.eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(100), delay: .milliseconds(100))
        {
            [dispatcher] _ in dispatcher.tick()
        }
        try await withGracefulShutdownHandler {
            try await channel.closeFuture.get()
        } onGracefulShutdown: {
            channel.close(promise: nil)
        }
        ticker.cancel()
    }
}
