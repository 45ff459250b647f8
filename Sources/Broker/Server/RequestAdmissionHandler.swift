import EventLog
import Logging
import NIOCore

/// The first handler of a client connection: admits the connection under the connection limits,
/// and watches the request frames as their bytes arrive, before anything buffers them.
///
/// - A frame larger than the pool's small-frame size reserves its whole size in the shared
///   `RequestMemoryPool` as soon as its size prefix arrives; while the pool has no room the
///   connection stops reading, and goes on when another connection's frame completes.
/// - A frame must arrive whole within `receiveTimeout` of its first byte, so a client that trickles
///   bytes cannot hold its buffer (and its reservation) for ever.
/// - An `IdleStateHandler` before this one reports a connection without traffic for
///   `connections.max.idle.ms`; it is closed.
final class RequestAdmissionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let limiter: ConnectionLimiter
    private let pool: RequestMemoryPool
    private let receiveTimeout: TimeAmount
    private let warnings: LogRateLimiter
    private let logger: Logger

    private var address = ""
    private var admitted = false
    /// Bytes of the next frame's size prefix seen so far.
    private var sizePrefix: [UInt8] = []
    /// Bytes of the current frame's body still to come; nil between frames.
    private var remainingInFrame: Int?
    private var reservedForFrame = 0
    /// The size a large frame waits to reserve; reads are held back meanwhile.
    private var waitingToReserve: Int?
    private var readHeldBack = false
    /// Counts frames, so that a timeout set for one frame does not close the connection in a later one.
    private var frameNumber = 0
    private var frameTimeout: Scheduled<Void>?

    init(
        limiter: ConnectionLimiter,
        pool: RequestMemoryPool,
        receiveTimeout: TimeAmount,
        warnings: LogRateLimiter,
        logger: Logger
    ) {
        self.limiter = limiter
        self.pool = pool
        self.receiveTimeout = receiveTimeout
        self.warnings = warnings
        self.logger = logger
    }

    func channelActive(context: ChannelHandlerContext) {
        address = context.remoteAddress?.ipAddress ?? "unknown"
        let channel = context.channel
        if let refusal = limiter.admit(ObjectIdentifier(self), address: address, close: { channel.close(promise: nil) })
        {
            warn("refusing connection", reason: "\(refusal)")
            context.close(promise: nil)
            return
        }
        admitted = true
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if admitted {
            admitted = false
            limiter.release(ObjectIdentifier(self))
        }
        finishFrame()
        pool.cancelWaiting(ObjectIdentifier(self))
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard admitted else { return }
        limiter.touch(ObjectIdentifier(self))
        let bytes = unwrapInboundIn(data)
        follow(bytes, context: context)
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        if waitingToReserve != nil {
            readHeldBack = true
        } else {
            context.read()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            logger.debug("closing idle connection", metadata: ["client": "\(address)"])
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Walks the frame boundaries in `bytes`, starting, reserving and finishing frames.
    private func follow(_ bytes: ByteBuffer, context: ChannelHandlerContext) {
        var position = bytes.readerIndex
        let end = bytes.writerIndex
        while position < end {
            if let remaining = remainingInFrame {
                let taken = min(remaining, end - position)
                position += taken
                remainingInFrame = remaining - taken
                if remainingInFrame == 0 { finishFrame() }
                continue
            }
            if sizePrefix.isEmpty { startFrame(context: context) }
            sizePrefix.append(bytes.getInteger(at: position, as: UInt8.self)!)
            position += 1
            guard sizePrefix.count == 4 else { continue }
            let size = Int(Int32(bitPattern: sizePrefix.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }))
            sizePrefix = []
            // A negative or oversized size is the frame decoder's to refuse, closing the connection.
            guard size > 0 else {
                finishFrame()
                continue
            }
            remainingInFrame = size
            if size > pool.smallFrameBytes { reserve(size, context: context) }
        }
        // A large frame that completed while it waited for room needs no reservation any more.
        if waitingToReserve == nil && readHeldBack {
            readHeldBack = false
            context.read()
        }
    }

    private func startFrame(context: ChannelHandlerContext) {
        frameNumber += 1
        let number = frameNumber
        let timeout = receiveTimeout
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        frameTimeout = context.eventLoop.scheduleTask(in: timeout) {
            let (handler, context) = bound.value
            guard handler.frameNumber == number, handler.remainingInFrame != nil || !handler.sizePrefix.isEmpty
            else { return }
            handler.warn(
                "closing connection: request not received in time",
                reason: "a request frame did not arrive whole within \(timeout.nanoseconds / 1_000_000) ms "
                    + "(--request-receive-timeout-ms)"
            )
            context.close(promise: nil)
        }
    }

    private func finishFrame() {
        frameTimeout?.cancel()
        frameTimeout = nil
        remainingInFrame = nil
        waitingToReserve = nil
        if reservedForFrame > 0 {
            let released = reservedForFrame
            reservedForFrame = 0
            pool.release(released)
        }
    }

    private func reserve(_ size: Int, context: ChannelHandlerContext) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        let granted = pool.reserve(size, waiter: ObjectIdentifier(self)) {
            eventLoop.execute {
                let (handler, context) = bound.value
                guard let waiting = handler.waitingToReserve else { return }
                handler.reserve(waiting, context: context)
            }
        }
        guard granted else {
            waitingToReserve = size
            return
        }
        reservedForFrame = size
        waitingToReserve = nil
        if readHeldBack {
            readHeldBack = false
            context.read()
        }
    }

    private func warn(_ message: Logger.Message, reason: String) {
        warnings.log(
            message,
            level: .warning,
            kind: "\(message) \(address)",
            metadata: ["client": "\(address)", "reason": "\(reason)"],
            to: logger
        )
    }

}
