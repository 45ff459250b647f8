import NIOCore

/// How much and how slowly an HTTP client may send before the web server gives up on it.
public struct HTTPLimits: Sendable {
    /// A connection with no bytes in either direction for this long is closed; the server's
    /// WebSocket pushes and pings count, so live pages stay open.
    public var idleTimeout: TimeAmount = .seconds(60)
    /// A request head must arrive whole within this time of its first byte, else 408 and close.
    public var requestHeaderTimeout: TimeAmount = .seconds(10)
    /// Largest request head (request line and headers); a larger one gets 431 and close.
    public var maximumHeaderBytes = 16 * 1024
    /// Largest request body the APIs read; a larger one gets 413.
    public var maximumBodyBytes = 16 * 1024
    /// Open WebSocket connections (live pages) at once; an upgrade past this gets 503.
    public var maximumWebSockets = 256
    /// Open WebSocket connections from one client address; an upgrade past this gets 429.
    public var maximumWebSocketsPerAddress = 32

    public init() {}
}
