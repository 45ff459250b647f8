import Synchronization

extension Partition {
    /// Calls `callback` once, as soon as a record at `offset` or later exists; at once if one does,
    /// or if the partition is closed or deleted (the caller's next read then reports why).
    ///
    /// For long-poll Fetch and in-process consumers. Cancel with `cancelNotification(_:)` when the
    /// wait times out, so idle partitions do not collect waiters.
    @discardableResult
    public func notifyWhenAvailable(
        at offset: Int64,
        _ callback: @escaping @Sendable () -> Void
    ) -> DataAvailabilityToken {
        if endOffset.load(ordering: .acquiring) > offset {
            callback()
            return .fired
        }
        let token = state.withLock { state -> DataAvailabilityToken? in
            guard state.logEndOffset <= offset, !state.isClosed else { return nil }
            let identifier = state.nextWaiterIdentifier
            state.nextWaiterIdentifier += 1
            state.waiters[identifier] = (offset, callback)
            return DataAvailabilityToken(rawValue: identifier)
        }
        guard let token else {
            callback()
            return .fired
        }
        return token
    }

    /// Forgets a pending notification; its callback will not be called. Harmless if it already fired.
    public func cancelNotification(_ token: DataAvailabilityToken) {
        guard token != .fired else { return }
        state.withLock { _ = $0.waiters.removeValue(forKey: token.rawValue) }
    }

    /// Suspends until a record at `offset` or later exists, the partition closes, or the task is cancelled.
    public func waitForData(at offset: Int64) async {
        if endOffset.load(ordering: .acquiring) > offset { return }
        let registration = WaitRegistration()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let alreadyCancelled = registration.state.withLock { state -> Bool in
                    if state.isCancelled { return true }
                    state.continuation = continuation
                    return false
                }
                if alreadyCancelled { return continuation.resume() }
                let token = notifyWhenAvailable(at: offset) { registration.resume() }
                let cancelledMeanwhile = registration.state.withLock { state -> Bool in
                    state.token = token
                    return state.isCancelled
                }
                if cancelledMeanwhile { cancelNotification(token) }
            }
        } onCancel: {
            let token = registration.state.withLock { state -> DataAvailabilityToken? in
                state.isCancelled = true
                return state.token
            }
            if let token { cancelNotification(token) }
            registration.resume()
        }
    }
}

/// The continuation of one `waitForData` call, resumed exactly once by data or by cancellation.
private final class WaitRegistration: Sendable {
    struct State {
        var continuation: CheckedContinuation<Void, Never>?
        var token: DataAvailabilityToken?
        var isCancelled = false
    }

    let state = Mutex(State())

    func resume() {
        let continuation = state.withLock { state in
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume()
    }
}
