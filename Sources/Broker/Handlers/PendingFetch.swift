import EventLog
import KafkaProtocol
import NIOCore

/// A Fetch waiting for `minBytes` to arrive or `maxWaitMs` to pass, whichever is first.
///
/// Appends notify it from whatever thread wrote; it re-reads on its connection's event loop, so
/// its state needs no lock. On completion it cancels its remaining notifications, so an idle
/// partition does not collect waiters.
final class PendingFetch: Sendable {
    private struct State {
        var isComplete = false
        var notifications: [(Partition, DataAvailabilityToken)] = []
        var timeout: Scheduled<Void>?
    }

    private let dispatcher: RequestDispatcher
    private let request: FetchRequest
    private let version: Int16
    private let eventLoop: any EventLoop
    private let promise: EventLoopPromise<FetchResponse>
    private let state: NIOLoopBoundBox<State>

    init(dispatcher: RequestDispatcher, request: FetchRequest, version: Int16, eventLoop: any EventLoop) {
        self.dispatcher = dispatcher
        self.request = request
        self.version = version
        self.eventLoop = eventLoop
        self.promise = eventLoop.makePromise()
        self.state = NIOLoopBoundBox(State(), eventLoop: eventLoop)
    }

    func start() -> EventLoopFuture<FetchResponse> {
        let timeout = eventLoop.scheduleTask(in: .milliseconds(Int64(request.maxWaitMs))) {
            self.attempt(isFinal: true)
        }
        state.value.timeout = timeout
        listen(atEndOfLog: false)
        return promise.futureResult
    }

    /// Asks every partition to call back once data exists past the fetch offset (or past the
    /// current end, when re-listening after an append too small to satisfy `minBytes`).
    private func listen(atEndOfLog: Bool) {
        for (wanted, partition) in dispatcher.partitions(of: request) {
            guard let partition else { continue }
            let offset = atEndOfLog ? partition.latestOffset : wanted.fetchOffset
            let token = partition.notifyWhenAvailable(at: offset) { [self] in
                eventLoop.execute { self.attempt(isFinal: false) }
            }
            state.value.notifications.append((partition, token))
        }
    }

    private func attempt(isFinal: Bool) {
        guard !state.value.isComplete else { return }
        let (response, bytes) = dispatcher.readPartitions(request, version: version)
        guard isFinal || bytes >= Int(request.minBytes) else {
            cancelNotifications()
            listen(atEndOfLog: true)
            return
        }
        state.value.isComplete = true
        state.value.timeout?.cancel()
        cancelNotifications()
        promise.succeed(response)
    }

    private func cancelNotifications() {
        for (partition, token) in state.value.notifications {
            partition.cancelNotification(token)
        }
        state.value.notifications.removeAll()
    }
}
