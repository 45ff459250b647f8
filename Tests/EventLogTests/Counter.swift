import Synchronization

/// A shared counter for callbacks and tasks.
final class Counter: Sendable {
    private let atomic = Atomic<Int>(0)

    /// Adds `amount` and returns the new value.
    @discardableResult
    func add(_ amount: Int = 1) -> Int { atomic.add(amount, ordering: .relaxed).newValue }

    var value: Int { atomic.load(ordering: .relaxed) }
}
