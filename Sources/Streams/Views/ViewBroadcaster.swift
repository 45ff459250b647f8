import Locking
import Synchronization

/// Hands every change of a view to each of its subscribers' `AsyncStream`s; the apps use it for
/// their own live figures too.
///
/// Publishing never waits: a subscriber that falls behind keeps the newest `bufferSize` changes and
/// loses older ones, so a slow dashboard cannot stall the pipeline.
public final class ViewBroadcaster<Change: Sendable>: Sendable {
    private struct State {
        var continuations: [Int: AsyncStream<Change>.Continuation] = [:]
        var nextIdentifier = 0
    }

    private let state = Locked(State())
    private let subscriberCount = Atomic<Int>(0)
    /// How many unread changes a subscriber keeps.
    public let bufferSize: Int

    public init(bufferSize: Int = 1_024) {
        self.bufferSize = bufferSize
    }

    /// The changes published from now on, until the stream is dropped.
    public func subscribe() -> AsyncStream<Change> {
        let (stream, continuation) = AsyncStream<Change>.makeStream(bufferingPolicy: .bufferingNewest(bufferSize))
        let identifier = state.withLock { state in
            defer { state.nextIdentifier += 1 }
            state.continuations[state.nextIdentifier] = continuation
            return state.nextIdentifier
        }
        subscriberCount.add(1, ordering: .relaxed)
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            state.withLock { _ = $0.continuations.removeValue(forKey: identifier) }
            subscriberCount.subtract(1, ordering: .relaxed)
        }
        return stream
    }

    /// Whether anyone listens; lets views skip building changes nobody reads.
    public var hasSubscribers: Bool { subscriberCount.load(ordering: .relaxed) > 0 }

    /// Hands `change` to every subscriber.
    public func publish(_ change: Change) {
        let continuations = state.withLock { Array($0.continuations.values) }
        for continuation in continuations { continuation.yield(change) }
    }
}
