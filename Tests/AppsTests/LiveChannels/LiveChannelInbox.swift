/// The text messages a WebSocket client received, handed out in order, each awaited no longer than
/// a timeout: a channel that stays silent fails its test instead of hanging it.
actor LiveChannelInbox {
    /// What a wait for the next message ended with.
    enum Arrival: Sendable {
        case message(String)
        case closed
        case timedOut
    }

    private var received: [String] = []
    private var isClosed = false
    /// The reader waiting now, numbered so that the timer of an earlier wait cannot end a later one.
    private var waiter: (number: Int, continuation: CheckedContinuation<Arrival, Never>)?
    private var waits = 0

    func deliver(_ text: String) {
        if let waiter {
            self.waiter = nil
            waiter.continuation.resume(returning: .message(text))
        } else {
            received.append(text)
        }
    }

    func close() {
        isClosed = true
        waiter?.continuation.resume(returning: .closed)
        waiter = nil
    }

    /// The next message not handed out yet, waiting at most `timeout` for it.
    func next(within timeout: Duration) async -> Arrival {
        if !received.isEmpty { return .message(received.removeFirst()) }
        if isClosed { return .closed }
        waits += 1
        let number = waits
        let timer = Task {
            try? await Task.sleep(for: timeout)
            expire(number)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { waiter = (number, $0) }
    }

    private func expire(_ number: Int) {
        guard let waiter, waiter.number == number else { return }
        self.waiter = nil
        waiter.continuation.resume(returning: .timedOut)
    }
}
