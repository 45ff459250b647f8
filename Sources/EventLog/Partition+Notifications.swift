extension Partition {
    /// Calls `callback` once, as soon as a record at `offset` or later exists; at once if one does,
    /// or if the partition is closed or deleted (the caller's next read then reports why).
    ///
    /// For long-poll Fetch and in-process consumers. The callback runs on the appending thread right
    /// after the append, so it should only hand work elsewhere (an event loop, a continuation).
    /// Cancel with `cancelNotification(_:)` when the wait times out, so that idle partitions do
    /// not collect waiters.
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
}
