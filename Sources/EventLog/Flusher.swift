import Foundation
import Logging
import Synchronization

/// Forces appended data to disk according to the flush policy, and releases durability waiters.
///
/// With `.always` this is group commit: one background thread (never an event loop) takes every
/// file dirtied so far and every waiter registered so far, fsyncs the files, then calls the waiters.
/// Appends only mark their file dirty, so they never wait for a disk.
final class Flusher: Sendable {
    typealias Waiter = @Sendable (Result<Void, EventLogError>) -> Void

    private struct State {
        var dirtyFiles: [ObjectIdentifier: SegmentFile] = [:]
        var dirtyDirectories: Set<String> = []
        var waiters: [Waiter] = []
        var isStopping = false
        var hasStopped = false
    }

    let policy: FlushPolicy
    private let logger: Logger
    private let condition = NSCondition()
    private nonisolated(unsafe) var state = State()
    private let completedFlushes = Atomic<Int>(0)

    init(policy: FlushPolicy, logger: Logger) {
        self.policy = policy
        self.logger = logger
        switch policy {
        case .always, .interval:
            let thread = Thread { [self] in run() }
            thread.name = "EventLog flusher"
            thread.start()
        case .never:
            state.hasStopped = true
        }
    }

    /// How many flush rounds (each one fsync per dirty file) have completed.
    var flushCount: Int { completedFlushes.load(ordering: .relaxed) }

    /// Notes that `file` holds data not yet forced to disk.
    func markDirty(_ file: SegmentFile) {
        if case .never = policy { return }
        condition.lock()
        state.dirtyFiles[ObjectIdentifier(file)] = file
        condition.unlock()
    }

    /// Notes that a directory gained or lost a name (a new segment) not yet forced to disk.
    func markDirty(directory: String) {
        if case .never = policy { return }
        condition.lock()
        state.dirtyDirectories.insert(directory)
        condition.unlock()
    }

    /// Calls `waiter` once everything appended before this call is on disk (with `.always`), or at once.
    func whenDurable(_ waiter: @escaping Waiter) {
        guard case .always = policy else { return waiter(.success(())) }
        condition.lock()
        if state.hasStopped {
            condition.unlock()
            return waiter(.failure(.closed))
        }
        state.waiters.append(waiter)
        condition.signal()
        condition.unlock()
    }

    /// Flushes everything still dirty, stops the thread and fails nothing: waiters get one last round.
    func stop() {
        condition.lock()
        state.isStopping = true
        condition.broadcast()
        while !state.hasStopped { condition.wait() }
        condition.unlock()
        flushRound()
    }

    /// Takes the dirty files and the waiters registered so far, fsyncs the files and calls the waiters.
    private func flushRound() {
        condition.lock()
        let files = state.dirtyFiles.values
        let directories = state.dirtyDirectories
        let waiters = state.waiters
        state.dirtyFiles = [:]
        state.dirtyDirectories = []
        state.waiters = []
        condition.unlock()

        var result: Result<Void, EventLogError> = .success(())
        for file in files {
            do {
                try file.synchronize()
            } catch {
                logger.critical("fsync failed, acknowledged data may be lost", metadata: ["error": "\(error)"])
                result = .failure(error)
            }
        }
        for directory in directories {
            do {
                try FileSystem.synchronizeDirectory(directory)
            } catch {
                logger.critical("fsync of a directory failed", metadata: ["error": "\(error)"])
                result = .failure(error)
            }
        }
        completedFlushes.add(1, ordering: .relaxed)
        for waiter in waiters { waiter(result) }
    }

    private func run() {
        while true {
            condition.lock()
            switch policy {
            case .always:
                while state.waiters.isEmpty && !state.isStopping { condition.wait() }
            case .interval(let milliseconds):
                let deadline = Date(timeIntervalSinceNow: Double(milliseconds) / 1000)
                while !state.isStopping && condition.wait(until: deadline) {}
            case .never:
                break
            }
            if state.isStopping {
                state.hasStopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.unlock()
            flushRound()
        }
    }
}
