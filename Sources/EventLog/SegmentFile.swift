import Glibc
import NIOCore

/// An open segment log file: positioned reads and writes, kept open for the life of the segment.
///
/// Readers hold a reference while they `pread`, so retention can unlink a segment under a reader
/// without closing its descriptor; the descriptor closes when the last reference goes.
final class SegmentFile: Sendable {
    let descriptor: Int32
    let path: String

    /// Opens (and with `create`, creates) the file for reading and writing.
    init(path: String, create: Bool) throws(EventLogError) {
        let flags = O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0)
        let descriptor = Glibc.open(path, flags, 0o644)
        guard descriptor >= 0 else { throw .storage(operation: "open", path: path, errno: errno) }
        self.descriptor = descriptor
        self.path = path
    }

    /// Linux's IOV_MAX: the most vectors one `pwritev` takes.
    static let maximumVectors = 1_024

    deinit { Glibc.close(descriptor) }

    /// Current size of the file on disk.
    func size() throws(EventLogError) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .storage(operation: "fstat", path: path, errno: errno) }
        return Int(status.st_size)
    }

    /// When the file was last written, in epoch milliseconds.
    func modificationTimeMilliseconds() throws(EventLogError) -> Int64 {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .storage(operation: "fstat", path: path, errno: errno) }
        return Int64(status.st_mtim.tv_sec) * 1_000 + Int64(status.st_mtim.tv_nsec) / 1_000_000
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
        var failure: Int32 = 0
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { destination in
            var done = 0
            while done < count {
                let result = pread(descriptor, destination.baseAddress! + done, count - done, off_t(position + done))
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
        if failure != 0 { throw .storage(operation: "pread", path: path, errno: failure) }
    }

    /// Writes all of `vectors` at `position`, continuing after short writes.
    func write(_ vectors: inout [iovec], at position: Int) throws(EventLogError) {
        var position = position
        var first = 0
        while first < vectors.count {
            let count = min(vectors.count - first, Self.maximumVectors)
            let written = vectors.withUnsafeMutableBufferPointer { buffer in
                pwritev(descriptor, buffer.baseAddress! + first, Int32(count), off_t(position))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .storage(operation: "pwritev", path: path, errno: errno)
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

    /// Cuts the file to `size` bytes.
    func truncate(to size: Int) throws(EventLogError) {
        guard ftruncate(descriptor, off_t(size)) == 0 else {
            throw .storage(operation: "ftruncate", path: path, errno: errno)
        }
    }

    /// Forces the file's data to the disk.
    func synchronize() throws(EventLogError) {
        guard fdatasync(descriptor) == 0 else { throw .storage(operation: "fdatasync", path: path, errno: errno) }
    }
}
