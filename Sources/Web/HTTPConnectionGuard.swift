import Foundation
import HTTPTypes
import NIOCore

/// The first handler of every web connection, on raw bytes before any HTTP parsing: closes
/// connections idle in both directions, answers 408 to a request head that trickles in and 431 to
/// one that is too large, then closes.
///
/// Hummingbird's `idleTimeout` and NIO's header limits cannot do this on a server that accepts
/// WebSocket upgrades: the idle timer is installed only once a first request head has arrived (so
/// a silent or trickling connection is never closed), and a header overflow in the first request
/// reaches no handler that answers or closes (the connection hangs).
final class HTTPConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    // Outbound data only passes by (HTTP responses and WebSocket frames alike) and is never read.
    typealias OutboundIn = Any
    typealias OutboundOut = ByteBuffer

    /// The outbound event by which `HTTPRequestEndHandler` says a request has been read whole.
    struct RequestEnded {}

    /// The outbound event by which a refused WebSocket upgrade is answered with this status and
    /// message, in place of the bare 400 Hummingbird writes for it.
    struct Refusal {
        let status: HTTPResponse.Status
        let message: String
        let headers: HTTPFields
    }

    private enum State {
        /// Between requests, or a request head is arriving.
        case readingHead(RequestHeadScanner)
        /// The head is complete; its body and answer follow until the request has been read.
        case inRequest
        /// Answered with an error: input and other answers are discarded until the connection closes.
        case rejected
    }

    private let limits: HTTPLimits
    private var state = State.readingHead(RequestHeadScanner())
    private var lastActivity = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?
    private var headDeadline: Scheduled<Void>?
    private var inputIsClosed = false

    init(limits: HTTPLimits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startIdleCheck(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startIdleCheck(context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        headDeadline?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .rejected = state { return }
        lastActivity = .now()
        guard case .readingHead(var scanner) = state else { return context.fireChannelRead(data) }
        if scanner.byteCount == 0 {
            headDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: limits.requestHeaderTimeout) {
                self.reject(context: context, status: "408 Request Timeout", message: self.headTimeoutMessage)
            }
        }
        let headIsComplete = scanner.scan(unwrapInboundIn(data).readableBytesView)
        guard scanner.byteCount <= limits.maximumHeaderBytes else {
            return reject(
                context: context,
                status: "431 Request Header Fields Too Large",
                message: "the request head is larger than \(limits.maximumHeaderBytes) bytes"
            )
        }
        if headIsComplete {
            headDeadline?.cancel()
            state = .inRequest
        } else {
            state = .readingHead(scanner)
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .inputClosed = event as? ChannelEvent { inputIsClosed = true }
        context.fireUserInboundEventTriggered(event)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .rejected = state { return promise?.fail(ChannelError.outputClosed) ?? () }
        lastActivity = .now()
        context.write(data, promise: promise)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        switch event {
        case is RequestEnded:
            if case .inRequest = state { state = .readingHead(RequestHeadScanner()) }
        case let refusal as Refusal:
            reject(
                context: context,
                status: "\(refusal.status.code) \(refusal.status.reasonPhrase)",
                message: refusal.message,
                headers: refusal.headers
            )
        default:
            return context.triggerUserOutboundEvent(event, promise: promise)
        }
        promise?.succeed()
    }

    private var headTimeoutMessage: String {
        "the request head did not arrive whole within \(limits.requestHeaderTimeout.nanoseconds / 1_000_000) ms"
    }

    /// Answers with a JSON error (`Connection: close`) and waits for the client to close, or for the
    /// idle check, which input no longer delays: closing with input unread would reset the connection,
    /// and the client could lose the answer.
    private func reject(context: ChannelHandlerContext, status: String, message: String, headers: HTTPFields = [:]) {
        guard context.channel.isActive else { return }
        state = .rejected
        headDeadline?.cancel()
        // A refusal's message can quote the request (an Origin), so it is encoded, not pasted.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let body = (try? encoder.encode(["error": message])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let extraHeaders = headers.map { "\($0.name): \($0.value)\r\n" }.joined()
        let answer =
            "HTTP/1.1 \(status)\r\nContent-Type: application/json; charset=utf-8\r\n\(extraHeaders)"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: answer)), promise: nil)
    }

    /// Closes the connection, first telling the handlers behind that no more input comes, as a
    /// client's own close does: otherwise Hummingbird logs a connection closed before its first
    /// request was read as an error.
    private func close(context: ChannelHandlerContext) {
        if !inputIsClosed {
            inputIsClosed = true
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        }
        context.close(promise: nil)
    }

    private func startIdleCheck(context: ChannelHandlerContext) {
        guard idleCheck == nil else { return }
        lastActivity = .now()
        scheduleIdleCheck(context: context, at: lastActivity + limits.idleTimeout)
    }

    private func scheduleIdleCheck(context: ChannelHandlerContext, at deadline: NIODeadline) {
        idleCheck = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            let idleUntil = self.lastActivity + self.limits.idleTimeout
            if idleUntil <= .now() {
                self.close(context: context)
            } else {
                self.scheduleIdleCheck(context: context, at: idleUntil)
            }
        }
    }
}

@available(*, unavailable)
extension HTTPConnectionGuard: Sendable {}
