#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a temporary name and renamed into place only once complete and synced, so a
/// crash never leaves a partial file under the final name.
///
/// The temporary file sits in the same directory (rename is atomic only within one file system) and
/// starts with a dot, so a reader listing `*.parquet` does not see it.
final class AtomicFileOutput {
    let finalPath: String
    let temporaryPath: String
    private var descriptor: Int32

    init(path: String) throws(ParquetError) {
        finalPath = path
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        temporaryPath = "\(directory).\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .fileSystem(operation: "open", path: temporaryPath, code: errno) }
    }

    deinit {
        discard()
    }

    /// Appends all of `bytes`, retrying short writes and interruptions.
    func append(_ bytes: [UInt8]) throws(ParquetError) {
        guard descriptor >= 0 else { throw .writerClosed }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .fileSystem(operation: "write", path: temporaryPath, code: errno)
            }
            written += result
        }
    }

    /// Syncs the data, renames the file into place (replacing any file there), and syncs the directory
    /// so the rename itself survives a crash.
    func commit() throws(ParquetError) {
        guard descriptor >= 0 else { throw .writerClosed }
        guard fsync(descriptor) == 0 else { throw .fileSystem(operation: "fsync", path: temporaryPath, code: errno) }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw .fileSystem(operation: "close", path: temporaryPath, code: errno) }
        guard rename(temporaryPath, finalPath) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw .fileSystem(operation: "rename", path: finalPath, code: code)
        }
        let directory = finalPath.lastIndex(of: "/").map { String(finalPath[...$0]) } ?? "."
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw .fileSystem(operation: "open", path: directory, code: errno) }
        defer { close(directoryDescriptor) }
        guard fsync(directoryDescriptor) == 0 else {
            throw .fileSystem(operation: "fsync", path: directory, code: errno)
        }
    }

    /// Closes and deletes the temporary file, if it is still open.
    func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }
}
