import Locking

/// The continuation of one `waitForData` call, resumed exactly once by data or by cancellation.
final class WaitRegistration: Sendable {
    struct State {
        var continuation: CheckedContinuation<Void, Never>?
        var token: DataAvailabilityToken?
        var isCancelled = false
    }

    let state = Locked(State())

    func resume() {
        let continuation = state.withLock { state in
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume()
    }
}
