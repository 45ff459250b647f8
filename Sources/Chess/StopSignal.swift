import Foundation

/// A flag one thread raises to stop a search running on another; checking it is cheap.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    /// Makes a lowered flag.
    public init() {}

    /// Asks the search to stop as soon as possible.
    public func raise() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    /// Clears the flag before a new search.
    public func reset() {
        lock.lock()
        raised = false
        lock.unlock()
    }

    /// True once `raise()` has been called (and not reset since).
    public var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }
}
