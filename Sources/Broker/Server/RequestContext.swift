import NIOCore

/// What a handler knows of the request it answers besides its body.
public struct RequestContext: Sendable {
    public var apiVersion: Int16
    public var correlationId: Int32
    public var clientId: String
    /// The peer's address, as DescribeGroups shows it.
    public var clientHost: String
    /// The event loop of the connection; deferred answers complete on it.
    public var eventLoop: any EventLoop
    /// The port of the listener the client came in on, which Metadata and FindCoordinator
    /// advertise: a client of the SASL listener must be sent back to it.
    public var listenerPort: Int
}
