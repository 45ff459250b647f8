import Locking
import NIOCore

/// The bytes all connections may hold of large requests still arriving (Kafka's
/// `queued.max.request.bytes`).
///
/// A connection reserves a large frame's whole size when its size prefix arrives and stops reading
/// while the pool cannot grant it, so that many clients sending huge unfinished frames together
/// cannot take more memory than this; small frames (most requests) never wait.
final class RequestMemoryPool: Sendable {
    /// Frames up to this size are not counted: they are bounded by the connection limit instead,
    /// and no client's ordinary requests should wait behind another's large ones.
    let smallFrameBytes: Int
    /// The most that reservations may hold together.
    let capacity: Int

    private struct State {
        var reserved = 0
        /// Connections waiting for room, called (on their event loops) when some is released.
        var waiters: [ObjectIdentifier: @Sendable () -> Void] = [:]
    }

    private let state = Locked(State())

    init(capacity: Int, smallFrameBytes: Int = 1024 * 1024) {
        self.capacity = capacity
        self.smallFrameBytes = smallFrameBytes
    }

    /// Bytes reserved now.
    var reserved: Int { state.withLock { $0.reserved } }

    /// Reserves `bytes`, or else remembers `waiter` to be called once room may have appeared.
    func reserve(_ bytes: Int, waiter: ObjectIdentifier, onRoom: @escaping @Sendable () -> Void) -> Bool {
        state.withLock { state in
            if state.reserved == 0 || state.reserved + bytes <= capacity {
                state.reserved += bytes
                state.waiters[waiter] = nil
                return true
            }
            state.waiters[waiter] = onRoom
            return false
        }
    }

    /// Gives `bytes` back and wakes every waiting connection to try again.
    func release(_ bytes: Int) {
        let waiters = state.withLock { state in
            state.reserved -= bytes
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter() }
    }

    /// Forgets a connection that closed while waiting.
    func cancelWaiting(_ waiter: ObjectIdentifier) {
        state.withLock { _ = $0.waiters.removeValue(forKey: waiter) }
    }
}
