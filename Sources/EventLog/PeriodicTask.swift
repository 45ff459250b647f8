import Foundation
import Glibc

/// Runs a closure on its own thread every so many milliseconds until stopped.
final class PeriodicTask: Sendable {
    private let condition = NSCondition()
    private nonisolated(unsafe) var isStopping = false
    private nonisolated(unsafe) var hasStopped = false
    private nonisolated(unsafe) var thread: pthread_t?

    init(name: String, milliseconds: Int, _ body: @escaping @Sendable () -> Void) {
        let worker = Thread { [self] in
            condition.lock()
            self.thread = pthread_self()
            condition.unlock()
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
        worker.name = name
        worker.start()
    }

    /// Stops the thread and waits until a run in progress has finished (unless called from that run).
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        isStopping = true
        condition.broadcast()
        if let thread, pthread_equal(thread, pthread_self()) != 0 { return }
        while !hasStopped { condition.wait() }
    }
}
