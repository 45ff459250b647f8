import Foundation

/// A flag that a signal handler sets on one thread and the consume loop reads on another.
final class SignalFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.withLock { value = true }
    }

    var isSet: Bool { lock.withLock { value } }
}
