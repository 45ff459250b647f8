import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of every Kibitz route: HTTP and WebSocket upgrades share one router.
public struct KibitzRequestContext: RequestContext, WebSocketRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<KibitzRequestContext>
    /// The client's address, by which per-client limits count.
    public let remoteAddress: SocketAddress?
    /// The request's connection, which a WebSocket upgrade holds open and answers a refusal on.
    public let channel: any Channel
    /// Largest request body read, set from the configuration by `BodyLimitMiddleware`.
    public var maxUploadSize = HTTPLimits().maximumBodyBytes
    /// Request bodies are JSON with snake_case keys; failures name the field.
    public var requestDecoder: KibitzRequestDecoder { KibitzRequestDecoder() }
    /// Returned values are answered as JSON with snake_case keys, uncached.
    public var responseEncoder: KibitzResponseEncoder { KibitzResponseEncoder() }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
        self.remoteAddress = source.channel.remoteAddress
        self.channel = source.channel
    }
}
