import Hummingbird
import HummingbirdWebSocket

/// The request context of every Kibitz route: HTTP and WebSocket upgrades share one router.
public struct KibitzRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<KibitzRequestContext>

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
    }
}
