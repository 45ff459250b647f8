extension PartitionLog {
    /// Suspends until a record at `offset` or later exists, the partition closes, or the task is cancelled.
    ///
    /// For in-process consumers such as the stream processor; built on `notifyWhenAvailable`.
    public func waitForData(at offset: Int64) async {
        if latestOffset > offset { return }
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
