import Foundation
import Glibc
import Logging
import Synchronization

/// Forces appended data to disk according to the flush policy, and releases durability waiters.
///
/// With `.always` this is group commit: one background thread (never an event loop) takes every
/// file dirtied so far and every waiter registered so far, fsyncs the files, then calls the waiters;
/// it runs round after round while anything is dirty or waiting. Appends only mark their file
/// dirty, so they never wait for a disk.
final class Flusher: Sendable {
    typealias Waiter = @Sendable (Result<Void, EventLogError>) -> Void

    private struct State {
        var dirtyFiles: [ObjectIdentifier: SegmentFile] = [:]
        var dirtyPaths: Set<String> = []
        var waiters: [Waiter] = []
        var isStopping = false
        var isAcceptingWaiters = true
        var hasStopped = false
        var thread: pthread_t?
    }

    /// Seconds that dirty files with no waiter wait for one before they are flushed anyway.
    static let unwaitedFlushDelay = 0.002

    let policy: FlushPolicy
    private let logger: Logger
    private let condition = NSCondition()
    private nonisolated(unsafe) var state = State()
    private let completedFlushes = Atomic<Int>(0)
    private let fileSynchronizations = Atomic<Int>(0)

    init(policy: FlushPolicy, logger: Logger) {
        self.policy = policy
        self.logger = logger
        switch policy {
        case .always, .interval:
            let thread = Thread { [self] in run() }
            thread.name = "EventLog flusher"
            thread.start()
        case .never:
            state.isAcceptingWaiters = false
            state.hasStopped = true
        }
    }

    /// How many flush rounds (each one fsync per dirty file) have completed.
    var flushCount: Int { completedFlushes.load(ordering: .relaxed) }

    /// How many fsync calls on segment files the rounds made.
    var fileSyncCount: Int { fileSynchronizations.load(ordering: .relaxed) }

    /// Notes that `file` holds data not yet forced to disk.
    func markDirty(_ file: SegmentFile) {
        if case .never = policy { return }
        condition.lock()
        if state.dirtyFiles.updateValue(file, forKey: ObjectIdentifier(file)) == nil, case .always = policy {
            condition.signal()
        }
        condition.unlock()
    }

    /// Notes that a file or directory, known by path, changed and is not yet forced to disk: a
    /// directory that gained a segment, or the index files of a rolled segment.
    func markDirty(path: String) {
        if case .never = policy { return }
        condition.lock()
        state.dirtyPaths.insert(path)
        condition.unlock()
    }

    /// Calls `waiter` once everything appended before this call is on disk (with `.always`), or at once.
    func whenDurable(_ waiter: @escaping Waiter) {
        guard case .always = policy else { return waiter(.success(())) }
        condition.lock()
        guard state.isAcceptingWaiters else {
            condition.unlock()
            return waiter(.failure(.closed))
        }
        state.waiters.append(waiter)
        condition.signal()
        condition.unlock()
    }

    /// Runs a last round for everything still dirty and every waiter, then stops the thread.
    ///
    /// Waits for that round unless called from a waiter, that is on the flusher thread itself.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        state.isStopping = true
        condition.broadcast()
        if let thread = state.thread, pthread_equal(thread, pthread_self()) != 0 { return }
        while !state.hasStopped { condition.wait() }
    }

    /// Takes the dirty files and the waiters registered so far, fsyncs the files and calls the waiters.
    /// The final round also closes the door to new waiters, in the same critical section.
    private func flushRound(isFinal: Bool) {
        condition.lock()
        let files = state.dirtyFiles.values
        let paths = state.dirtyPaths
        let waiters = state.waiters
        state.dirtyFiles = [:]
        state.dirtyPaths = []
        state.waiters = []
        if isFinal { state.isAcceptingWaiters = false }
        condition.unlock()

        var result: Result<Void, EventLogError> = .success(())
        for file in files {
            do {
                try file.synchronize()
                fileSynchronizations.add(1, ordering: .relaxed)
            } catch {
                logger.critical("fsync failed, acknowledged data may be lost", metadata: ["error": "\(error)"])
                result = .failure(error)
            }
        }
        for path in paths {
            do {
                try FileSystem.synchronize(path)
            } catch {
                // Indexes and directories of segments deleted meanwhile are gone, which is fine.
                guard FileSystem.exists(path) else { continue }
                logger.critical("fsync failed", metadata: ["error": "\(error)"])
                result = .failure(error)
            }
        }
        completedFlushes.add(1, ordering: .relaxed)
        for waiter in waiters { waiter(result) }
    }

    private func run() {
        condition.lock()
        state.thread = pthread_self()
        condition.unlock()
        while true {
            condition.lock()
            switch policy {
            case .always:
                // Dirty files are flushed even with nobody waiting, so acks=1 data reaches the disk
                // soon too; but only after a short delay, because an acks=all waiter usually follows
                // its append within microseconds and should not miss the round its data starts.
                var deadline: Date?
                while state.waiters.isEmpty && !state.isStopping {
                    if state.dirtyFiles.isEmpty && state.dirtyPaths.isEmpty {
                        deadline = nil
                        condition.wait()
                        continue
                    }
                    let until = deadline ?? Date(timeIntervalSinceNow: Self.unwaitedFlushDelay)
                    deadline = until
                    if !condition.wait(until: until) { break }
                }
            case .interval(let milliseconds):
                let deadline = Date(timeIntervalSinceNow: Double(milliseconds) / 1000)
                while !state.isStopping && condition.wait(until: deadline) {}
            case .never:
                break
            }
            let isFinal = state.isStopping
            condition.unlock()
            flushRound(isFinal: isFinal)
            if isFinal {
                condition.lock()
                state.hasStopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }
}
