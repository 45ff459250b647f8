import Foundation

/// Runs a closure on its own thread every so many milliseconds until stopped.
final class PeriodicTask: Sendable {
    private let condition = NSCondition()
    private nonisolated(unsafe) var isStopping = false
    private nonisolated(unsafe) var hasStopped = false

    init(name: String, milliseconds: Int, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while true {
                condition.lock()
                let deadline = Date(timeIntervalSinceNow: Double(milliseconds) / 1000)
                while !isStopping && condition.wait(until: deadline) {}
                if isStopping {
                    hasStopped = true
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                condition.unlock()
                body()
            }
        }
        thread.name = name
        thread.start()
    }

    /// Stops the thread and waits until a run in progress has finished.
    func stop() {
        condition.lock()
        isStopping = true
        condition.broadcast()
        while !hasStopped { condition.wait() }
        condition.unlock()
    }
}
