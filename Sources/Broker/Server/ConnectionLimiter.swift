import EventLog

/// Counts open client connections in total and per address, and refuses those beyond the limits
/// (Kafka's `max.connections` and `max.connections.per.ip`).
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

    let maximumConnections: Int
    let maximumConnectionsPerAddress: Int
    private let counts = Locked<(total: Int, byAddress: [String: Int])>((0, [:]))

    init(maximumConnections: Int, maximumConnectionsPerAddress: Int) {
        self.maximumConnections = maximumConnections
        self.maximumConnectionsPerAddress = maximumConnectionsPerAddress
    }

    /// Counts a new connection from `address`, or says why it may not stay open.
    func admit(address: String) -> Refusal? {
        counts.withLock { counts in
            guard counts.total < maximumConnections else { return .total(limit: maximumConnections) }
            let fromAddress = counts.byAddress[address, default: 0]
            guard fromAddress < maximumConnectionsPerAddress else {
                return .perAddress(limit: maximumConnectionsPerAddress)
            }
            counts.total += 1
            counts.byAddress[address] = fromAddress + 1
            return nil
        }
    }

    /// Forgets an admitted connection that closed.
    func release(address: String) {
        counts.withLock { counts in
            counts.total -= 1
            let left = counts.byAddress[address, default: 1] - 1
            counts.byAddress[address] = left > 0 ? left : nil
        }
    }

    /// Connections open now.
    var openConnections: Int { counts.withLock { $0.total } }
}
