import Glibc
import NIOCore

/// A segment log file: positioned reads and writes through a descriptor borrowed from the store's
/// `SegmentFilePool`, which closes it while the file is idle and reopens it on demand.
///
/// Readers hold a reference while they `pread`, so retention can unlink a segment under a reader:
/// it pins the descriptor first, and the descriptor closes when the last reference goes.
final class SegmentFile: Sendable {
    let path: String
    let pool: SegmentFilePool

    /// Opens (and with `create`, creates) the file for reading and writing.
    init(path: String, create: Bool, pool: SegmentFilePool) throws(EventLogError) {
        let flags = O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0)
        let descriptor = Glibc.open(path, flags, 0o644)
        guard descriptor >= 0 else { throw .systemCall("open", path: path, errno: errno) }
        self.path = path
        self.pool = pool
        pool.adopt(descriptor, of: self)
    }

    /// Linux's IOV_MAX: the most vectors one `pwritev` takes.
    static let maximumVectors = 1_024

    deinit { pool.forget(self) }

    private func withDescriptor<Result>(
        _ body: (Int32) throws(EventLogError) -> Result
    ) throws(EventLogError)
        -> Result
    {
        try pool.withDescriptor(of: self, body)
    }

    /// Current size of the file on disk.
    func size() throws(EventLogError) -> Int {
        try Int(status().st_size)
    }

    /// When the file was last written, in epoch milliseconds.
    func modificationTimeMilliseconds() throws(EventLogError) -> Int64 {
        let status = try status()
        return Int64(status.st_mtim.tv_sec) * 1_000 + Int64(status.st_mtim.tv_nsec) / 1_000_000
    }

    private func status() throws(EventLogError) -> stat {
        try withDescriptor { descriptor throws(EventLogError) in
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { throw .systemCall("fstat", path: path, errno: errno) }
            return status
        }
    }

    /// Reads exactly `count` bytes at `position` straight into a new buffer; fewer only at end of file.
    func read(at position: Int, count: Int, allocator: ByteBufferAllocator) throws(EventLogError) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: count)
        try read(at: position, count: count, into: &buffer)
        return buffer
    }

    /// Appends `count` bytes read at `position` to `buffer`; fewer only at end of file.
    func read(at position: Int, count: Int, into buffer: inout ByteBuffer) throws(EventLogError) {
        guard count > 0 else { return }
        let failure = try withDescriptor { descriptor in
            var failure: Int32 = 0
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { destination in
                var done = 0
                while done < count {
                    let result = pread(
                        descriptor,
                        destination.baseAddress! + done,
                        count - done,
                        off_t(position + done)
                    )
                    if result < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        break
                    }
                    if result == 0 { break }
                    done += result
                }
                return done
            }
            return failure
        }
        if failure != 0 { throw .systemCall("pread", path: path, errno: failure) }
    }

    /// Writes all of `vectors` at `position`, continuing after short writes.
    func write(_ vectors: inout [iovec], at position: Int) throws(EventLogError) {
        try withDescriptor { descriptor throws(EventLogError) in
            var position = position
            var first = 0
            while first < vectors.count {
                let count = min(vectors.count - first, Self.maximumVectors)
                let written = vectors.withUnsafeMutableBufferPointer { buffer in
                    pwritev(descriptor, buffer.baseAddress! + first, Int32(count), off_t(position))
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw .systemCall("pwritev", path: path, errno: errno)
                }
                position += written
                var remaining = written
                while remaining > 0, first < vectors.count {
                    if remaining >= vectors[first].iov_len {
                        remaining -= vectors[first].iov_len
                        first += 1
                    } else {
                        vectors[first].iov_base = vectors[first].iov_base! + remaining
                        vectors[first].iov_len -= remaining
                        remaining = 0
                    }
                }
                while first < vectors.count, vectors[first].iov_len == 0 { first += 1 }
            }
        }
    }

    /// Cuts the file to `size` bytes.
    func truncate(to size: Int) throws(EventLogError) {
        try withDescriptor { descriptor throws(EventLogError) in
            guard ftruncate(descriptor, off_t(size)) == 0 else {
                throw .systemCall("ftruncate", path: path, errno: errno)
            }
        }
    }

    /// Forces the file's data to the disk.
    func synchronize() throws(EventLogError) {
        try withDescriptor { descriptor throws(EventLogError) in
            guard fdatasync(descriptor) == 0 else { throw .systemCall("fdatasync", path: path, errno: errno) }
        }
    }

    /// Keeps the descriptor open for readers still holding this file after it is unlinked.
    func pinBeforeRemoval() {
        try? pool.pin(self)
    }
}
