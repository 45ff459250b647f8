import EventLog
import KafkaProtocol
import Logging
import NIOCore

/// Serves one client connection: decodes each frame, dispatches it, writes answers in order.
///
/// Kafka clients pipeline requests and match answers by correlation id, but expect them in
/// request order; answers that complete early (a Metadata behind a long-poll Fetch) wait here
/// for those before them. With `maximumInFlightRequests` requests unanswered the connection is
/// not read until answers go out, so one client cannot queue work without bound.
///
/// On the SASL listener a connection must authenticate first: until it has, only ApiVersions,
/// SaslHandshake and SaslAuthenticate are read, and anything else closes it, as Kafka does.
final class KafkaConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Why a connection of the SASL listener was closed, for the log.
    private struct AuthenticationRefusal: Error, CustomStringConvertible {
        let description: String
    }

    private enum Answer {
        case frame(ByteBuffer)
        /// The last answer: the connection closes once it is written.
        case finalFrame(ByteBuffer)
        case nothing
    }

    private let dispatcher: RequestDispatcher
    private let listenerPort: Int
    /// Present on the SASL listener; the connection is served once it has authenticated.
    private let authenticator: SaslAuthenticator?
    private let logger: Logger
    private var nextRequestNumber = 0
    private var nextAnswerToWrite = 0
    private var readyAnswers: [Int: Answer] = [:]
    private var clientHost = ""
    private let maximumInFlightRequests: Int
    private let warnings: LogRateLimiter
    private var readHeldBack = false

    init(
        dispatcher: RequestDispatcher,
        listenerPort: Int,
        authenticator: SaslAuthenticator? = nil,
        maximumInFlightRequests: Int = 100,
        warnings: LogRateLimiter = LogRateLimiter(),
        logger: Logger
    ) {
        self.dispatcher = dispatcher
        self.listenerPort = listenerPort
        self.authenticator = authenticator
        self.maximumInFlightRequests = maximumInFlightRequests
        self.warnings = warnings
        self.logger = logger
    }

    private var inFlightRequests: Int { nextRequestNumber - nextAnswerToWrite }

    func read(context: ChannelHandlerContext) {
        if inFlightRequests >= maximumInFlightRequests {
            readHeldBack = true
        } else {
            context.read()
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        clientHost = context.remoteAddress.map { "/\($0.ipAddress ?? "\($0)")" } ?? ""
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        let requestNumber = nextRequestNumber
        nextRequestNumber += 1

        let request: KafkaRequest
        do {
            request = try KafkaRequest.decode(frame: frame, acceptedVersions: ServedVersions.versions(of:))
        } catch {
            refuse(frame: frame, error: error, requestNumber: requestNumber, context: context)
            return
        }
        let requestContext = RequestContext(
            apiVersion: request.header.apiVersion,
            correlationId: request.header.correlationId,
            clientId: request.header.clientId ?? "",
            clientHost: clientHost,
            eventLoop: context.eventLoop,
            listenerPort: listenerPort
        )
        if let authenticator, authenticator.user == nil {
            switch request.body {
            case .apiVersions: break
            case .saslHandshake(let body):
                let answer = authenticator.handshake(body, version: request.header.apiVersion)
                answerAuthentication(answer.response, closing: answer.closesConnection, request, requestNumber, context)
                return
            case .saslAuthenticate(let body):
                let answer = authenticator.authenticate(body)
                answerAuthentication(answer.response, closing: answer.closesConnection, request, requestNumber, context)
                return
            default:
                warn(
                    "closing connection that sent a request before authenticating",
                    error: AuthenticationRefusal(description: "\(request.apiKey) before SaslAuthenticate")
                )
                context.close(promise: nil)
                return
            }
        }
        dispatcher.handle(request, context: requestContext)
            .hop(to: context.eventLoop)
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success(let frame?): self.ready(.frame(frame), requestNumber: requestNumber, context: context)
                case .success(nil): self.ready(.nothing, requestNumber: requestNumber, context: context)
                case .failure(let error):
                    self.logger.error("request failed", metadata: ["api": "\(request.apiKey)", "error": "\(error)"])
                    context.close(promise: nil)
                }
            }
    }

    /// Queues the answer to a SASL request, the connection's last when authentication failed.
    private func answerAuthentication(
        _ response: some KafkaMessage,
        closing: Bool,
        _ request: KafkaRequest,
        _ requestNumber: Int,
        _ context: ChannelHandlerContext
    ) {
        let frame = KafkaResponse.frame(
            correlationId: request.header.correlationId,
            body: response,
            version: request.header.apiVersion
        )
        if closing {
            warn(
                "closing connection after failed authentication",
                error: AuthenticationRefusal(description: "\(request.apiKey) refused")
            )
        }
        ready(closing ? .finalFrame(frame) : .frame(frame), requestNumber: requestNumber, context: context)
    }

    /// Answers what can be answered about a request that cannot be read, else closes the connection.
    ///
    /// An ApiVersions request of a newer version gets the version table with UNSUPPORTED_VERSION,
    /// as KIP-511 expects, so the client can retry with a version both sides speak; anything else
    /// unreadable closes the connection, as Kafka does, and the broker serves others unharmed.
    private func refuse(frame: ByteBuffer, error: any Error, requestNumber: Int, context: ChannelHandlerContext) {
        var headerBytes = frame
        if case KafkaProtocolError.unsupportedVersion(let apiKey, _) = error, apiKey == APIKey.apiVersions.rawValue,
            let header = try? RequestHeader.decode(from: &headerBytes)
        {
            let answer = KafkaResponse.frame(
                correlationId: header.correlationId,
                body: ServedVersions.apiVersionsResponse(errorCode: .unsupportedVersion),
                version: 0
            )
            ready(.frame(answer), requestNumber: requestNumber, context: context)
            return
        }
        warn("closing connection after unreadable request", error: error, bytes: frame.readableBytes)
        context.close(promise: nil)
    }

    /// Logs a refused client at most once per interval per client address, with what was held back.
    private func warn(_ message: Logger.Message, error: any Error, bytes: Int? = nil) {
        var metadata: Logger.Metadata = ["client": "\(clientHost)", "error": "\(error)"]
        if let bytes { metadata["bytes"] = "\(bytes)" }
        warnings.log(message, level: .warning, kind: "\(message) \(clientHost)", metadata: metadata, to: logger)
    }

    private func ready(_ answer: Answer, requestNumber: Int, context: ChannelHandlerContext) {
        readyAnswers[requestNumber] = answer
        var wrote = false
        while let next = readyAnswers.removeValue(forKey: nextAnswerToWrite) {
            nextAnswerToWrite += 1
            switch next {
            case .frame(let frame):
                context.write(wrapOutboundOut(frame), promise: nil)
                wrote = true
            case .finalFrame(let frame):
                context.writeAndFlush(wrapOutboundOut(frame)).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
                return
            case .nothing: break
            }
        }
        if wrote { context.flush() }
        if readHeldBack && inFlightRequests < maximumInFlightRequests {
            readHeldBack = false
            context.read()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Oversized or negative frame sizes end up here from the frame decoder.
        warn("closing connection", error: error)
        context.close(promise: nil)
    }
}
