import Locking

/// A flag one thread raises to stop a search running on another; checking it is cheap.
public final class StopSignal: Sendable {
    private let raised = Locked(false)

    /// Makes a lowered flag.
    public init() {}

    /// Asks the search to stop as soon as possible.
    public func raise() {
        raised.withLock { $0 = true }
    }

    /// Clears the flag before a new search.
    public func reset() {
        raised.withLock { $0 = false }
    }

    /// True once `raise()` has been called (and not reset since).
    public var isRaised: Bool {
        raised.withLock { $0 }
    }
}
