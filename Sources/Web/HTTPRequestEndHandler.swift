import NIOCore
import NIOHTTPTypes

/// Tells the connection's `HTTPConnectionGuard` when a request has been read to its end, so that
/// the bytes after it are timed and measured as the next request's head.
final class HTTPRequestEndHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) {
            context.triggerUserOutboundEvent(HTTPConnectionGuard.RequestEnded(), promise: nil)
        }
        context.fireChannelRead(data)
    }
}

@available(*, unavailable)
extension HTTPRequestEndHandler: Sendable {}
