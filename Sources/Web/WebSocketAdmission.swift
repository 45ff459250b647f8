import Locking

/// Counts open WebSocket connections, in total and per client address, and refuses an upgrade
/// past either limit: each live page holds a connection, a task and its buffers for as long as it
/// stays, so a client opening thousands would starve everyone else.
final class WebSocketAdmission: Sendable {
    private struct Counts {
        var total = 0
        var byAddress: [String: Int] = [:]
    }

    let maximum: Int
    let maximumPerAddress: Int
    private let counts = Locked(Counts())

    init(maximum: Int, maximumPerAddress: Int) {
        self.maximum = maximum
        self.maximumPerAddress = maximumPerAddress
    }

    /// Takes a place for a connection from `address`, to be given back with `release(_:)`, or
    /// refuses: 429 when this address has all of its own, 503 when the server is full.
    func admit(_ address: String) throws(APIError) {
        let refusal: APIError? = counts.withLock { counts in
            if counts.byAddress[address, default: 0] >= maximumPerAddress {
                return APIError(
                    .tooManyRequests,
                    "\(address) has \(maximumPerAddress) live connections open, the most one address may; close one first"
                )
            }
            if counts.total >= maximum {
                return APIError(
                    .serviceUnavailable,
                    "the server has \(maximum) live connections open, the most it serves; try again later",
                    headers: [.retryAfter: "5"]
                )
            }
            counts.total += 1
            counts.byAddress[address, default: 0] += 1
            return nil
        }
        if let refusal { throw refusal }
    }

    func release(_ address: String) {
        counts.withLock { counts in
            counts.total -= 1
            let remaining = counts.byAddress[address, default: 1] - 1
            counts.byAddress[address] = remaining > 0 ? remaining : nil
        }
    }
}
