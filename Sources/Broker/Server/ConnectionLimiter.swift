import Locking
import NIOCore

/// Counts open client connections in total and per address, and keeps them within the limits
/// (Kafka's `max.connections` and `max.connections.per.ip`).
///
/// At a limit, a new connection takes the place of the connection that has been silent longest,
/// if it has been silent for `evictableAfter`: so sockets opened and left silent (or forgotten)
/// cannot lock every later client out until `connections.max.idle.ms` ends them. A client whose
/// connection is closed this way reconnects, as Kafka clients do after an idle close.
final class ConnectionLimiter: Sendable {
    /// Why a connection was refused: what to log.
    enum Refusal: Equatable, CustomStringConvertible {
        case total(limit: Int)
        case perAddress(limit: Int)

        var description: String {
            switch self {
            case .total(let limit): "\(limit) connections are open (--max-connections)"
            case .perAddress(let limit):
                "\(limit) connections from this address are open (--max-connections-per-address)"
            }
        }
    }

    private struct Connection {
        var address: String
        var lastActivity: NIODeadline
        var close: @Sendable () -> Void
    }

    let maximumConnections: Int
    let maximumConnectionsPerAddress: Int
    /// How long a connection must have been silent before a new one may take its place.
    let evictableAfter: TimeAmount
    private let connections = Locked<(all: [ObjectIdentifier: Connection], byAddress: [String: Int])>(([:], [:]))

    init(maximumConnections: Int, maximumConnectionsPerAddress: Int, evictableAfter: TimeAmount = .seconds(5)) {
        self.maximumConnections = maximumConnections
        self.maximumConnectionsPerAddress = maximumConnectionsPerAddress
        self.evictableAfter = evictableAfter
    }

    /// Counts a new connection from `address`, closing a long-silent one to make room if needed,
    /// or says why it may not stay open. `close` ends the connection (from any thread).
    func admit(
        _ identifier: ObjectIdentifier,
        address: String,
        close: @escaping @Sendable () -> Void
    ) -> Refusal? {
        let now = NIODeadline.now()
        let (refusal, evicted) = connections.withLock { state -> (Refusal?, Connection?) in
            var evicted: Connection?
            if state.byAddress[address, default: 0] >= maximumConnectionsPerAddress {
                guard let victim = Self.longestSilent(in: state.all, from: address, before: now - evictableAfter)
                else { return (.perAddress(limit: maximumConnectionsPerAddress), nil) }
                evicted = Self.remove(victim, from: &state)
            } else if state.all.count >= maximumConnections {
                guard let victim = Self.longestSilent(in: state.all, from: nil, before: now - evictableAfter)
                else { return (.total(limit: maximumConnections), nil) }
                evicted = Self.remove(victim, from: &state)
            }
            state.all[identifier] = Connection(address: address, lastActivity: now, close: close)
            state.byAddress[address, default: 0] += 1
            return (nil, evicted)
        }
        evicted?.close()
        return refusal
    }

    /// Notes traffic on a connection.
    func touch(_ identifier: ObjectIdentifier) {
        let now = NIODeadline.now()
        connections.withLock { $0.all[identifier]?.lastActivity = now }
    }

    /// Forgets a connection that closed (harmless if it was evicted or never admitted).
    func release(_ identifier: ObjectIdentifier) {
        connections.withLock { state in _ = Self.remove(identifier, from: &state) }
    }

    /// Connections open now.
    var openConnections: Int { connections.withLock { $0.all.count } }

    private static func longestSilent(
        in all: [ObjectIdentifier: Connection],
        from address: String?,
        before cutoff: NIODeadline
    ) -> ObjectIdentifier? {
        var oldest: (identifier: ObjectIdentifier, lastActivity: NIODeadline)?
        for (identifier, connection) in all
        where connection.lastActivity < cutoff && (address == nil || connection.address == address) {
            if oldest == nil || connection.lastActivity < oldest!.lastActivity {
                oldest = (identifier, connection.lastActivity)
            }
        }
        return oldest?.identifier
    }

    private static func remove(
        _ identifier: ObjectIdentifier,
        from state: inout (all: [ObjectIdentifier: Connection], byAddress: [String: Int])
    ) -> Connection? {
        guard let connection = state.all.removeValue(forKey: identifier) else { return nil }
        let left = state.byAddress[connection.address, default: 1] - 1
        state.byAddress[connection.address] = left > 0 ? left : nil
        return connection
    }
}
