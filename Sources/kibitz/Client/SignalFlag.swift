import Locking

/// A flag that a signal handler sets on one thread and the consume loop reads on another.
final class SignalFlag: Sendable {
    private let value = Locked(false)

    func set() {
        value.withLock { $0 = true }
    }

    var isSet: Bool { value.withLock { $0 } }
}
