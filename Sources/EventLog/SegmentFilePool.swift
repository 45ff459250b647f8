import Glibc
import Locking

/// The open descriptors of a store's segment files, at most `capacity` at once.
///
/// A segment file borrows its descriptor for each system call; when a file without a descriptor
/// needs one and the pool is full, the least recently used descriptor that nobody is using is
/// closed. So idle partitions hold no file open, and thousands of partitions fit under a small
/// open-file limit. Closing a descriptor loses nothing: data written through it is in the page
/// cache, and fsync through a later descriptor forces it just the same.
final class SegmentFilePool: Sendable {
    private struct Entry {
        var descriptor: Int32
        /// Borrowers in the middle of a system call; the descriptor stays open while any remains.
        var borrowers = 0
        var lastUse: UInt64
        /// Set once the file is unlinked: reopening by path would fail, so it stays open until the
        /// file object goes.
        var isPinned = false
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var clock: UInt64 = 0
        var reopenCount = 0
    }

    /// Most descriptors held open; more are opened only while every open one is borrowed.
    let capacity: Int
    private let state = Locked(State())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Descriptors currently open.
    var openCount: Int { state.withLock { $0.entries.count } }

    /// How many times a file whose descriptor had been closed was opened again.
    var reopenCount: Int { state.withLock { $0.reopenCount } }

    /// Takes in the descriptor of a file just opened, closing idle ones beyond the capacity.
    func adopt(_ descriptor: Int32, of file: SegmentFile) {
        state.withLock { state in
            state.clock += 1
            state.entries[ObjectIdentifier(file)] = Entry(descriptor: descriptor, lastUse: state.clock)
            Self.closeIdle(beyond: capacity, in: &state)
        }
    }

    /// Runs `body` with an open descriptor of `file`, opening it again if the pool had closed it.
    func withDescriptor<Result>(
        of file: SegmentFile,
        _ body: (Int32) throws(EventLogError) -> Result
    ) throws(EventLogError) -> Result {
        let key = ObjectIdentifier(file)
        let descriptor = try state.withLock { state throws(EventLogError) -> Int32 in
            state.clock += 1
            if var entry = state.entries[key] {
                entry.borrowers += 1
                entry.lastUse = state.clock
                state.entries[key] = entry
                return entry.descriptor
            }
            // Room first, so that the open below does not push the process past its limit.
            Self.closeIdle(beyond: capacity - 1, in: &state)
            var descriptor = Glibc.open(file.path, O_RDWR | O_CLOEXEC)
            if descriptor < 0 && (errno == EMFILE || errno == ENFILE) && Self.closeLeastRecentlyUsed(in: &state) {
                descriptor = Glibc.open(file.path, O_RDWR | O_CLOEXEC)
            }
            guard descriptor >= 0 else { throw .systemCall("open", path: file.path, errno: errno) }
            state.reopenCount += 1
            state.entries[key] = Entry(descriptor: descriptor, borrowers: 1, lastUse: state.clock)
            return descriptor
        }
        defer {
            state.withLock { state in
                state.entries[key]?.borrowers -= 1
            }
        }
        return try body(descriptor)
    }

    /// Keeps the file's descriptor open until `forget`, for a file about to be unlinked under readers.
    func pin(_ file: SegmentFile) throws(EventLogError) {
        // Pinned while borrowed, so that no eviction can slip in between.
        try withDescriptor(of: file) { _ in
            state.withLock { state in state.entries[ObjectIdentifier(file)]?.isPinned = true }
        }
    }

    /// Closes the file's descriptor, if open; called when the file object goes.
    func forget(_ file: SegmentFile) {
        let entry = state.withLock { state in state.entries.removeValue(forKey: ObjectIdentifier(file)) }
        if let entry { Glibc.close(entry.descriptor) }
    }

    private static func closeIdle(beyond limit: Int, in state: inout State) {
        while state.entries.count > limit, closeLeastRecentlyUsed(in: &state) {}
    }

    /// Closes the least recently used descriptor that is neither borrowed nor pinned; false if none is.
    private static func closeLeastRecentlyUsed(in state: inout State) -> Bool {
        var oldest: (key: ObjectIdentifier, lastUse: UInt64)?
        for (key, entry) in state.entries where entry.borrowers == 0 && !entry.isPinned {
            if oldest == nil || entry.lastUse < oldest!.lastUse { oldest = (key, entry.lastUse) }
        }
        guard let oldest, let entry = state.entries.removeValue(forKey: oldest.key) else { return false }
        Glibc.close(entry.descriptor)
        return true
    }
}
