import Foundation
import Glibc

/// The few whole-file and directory operations the log needs, with errors as `EventLogError`.
enum FileSystem {
    static func makeDirectory(_ path: String) throws(EventLogError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw .systemCall("mkdir", path: path, errno: errno)
        }
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Names in a directory, without "." and "..", sorted.
    static func contents(of path: String) throws(EventLogError) -> [String] {
        guard let directory = opendir(path) else { throw .systemCall("opendir", path: path, errno: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func removeTree(_ path: String) throws(EventLogError) {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            if exists(path) { throw .storage(operation: "remove", path: path, errno: EIO) }
        }
    }

    static func remove(_ path: String) throws(EventLogError) {
        if unlink(path) != 0 && errno != ENOENT { throw .systemCall("unlink", path: path, errno: errno) }
    }

    static func rename(_ source: String, to destination: String) throws(EventLogError) {
        if Glibc.rename(source, destination) != 0 {
            throw .systemCall("rename", path: source, errno: errno)
        }
    }

    /// Makes renames and new names in a directory durable.
    static func synchronizeDirectory(_ path: String) throws(EventLogError) {
        try synchronize(path)
    }

    /// Forces a file or directory, found by path, to the disk.
    static func synchronize(_ path: String) throws(EventLogError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .systemCall("open", path: path, errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .systemCall("fsync", path: path, errno: errno) }
    }

    /// The whole content of a file, or nil when it does not exist.
    static func read(_ path: String) throws(EventLogError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw .systemCall("open", path: path, errno: errno)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .systemCall("read", path: path, errno: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// Writes a file in full, replacing any old one.
    static func write(_ bytes: [UInt8], to path: String, synchronize: Bool) throws(EventLogError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .systemCall("open", path: path, errno: errno) }
        defer { close(descriptor) }
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .systemCall("write", path: path, errno: errno)
            }
            done += count
        }
        if synchronize && fsync(descriptor) != 0 { throw .systemCall("fsync", path: path, errno: errno) }
    }

    /// Replaces a file so that a crash leaves either the old or the new content, never a mix.
    static func writeAtomically(_ bytes: [UInt8], to path: String, synchronize: Bool) throws(EventLogError) {
        let temporary = path + ".tmp"
        try write(bytes, to: temporary, synchronize: synchronize)
        try rename(temporary, to: path)
        if synchronize {
            let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            try synchronizeDirectory(directory.isEmpty ? "." : directory)
        }
    }

    /// Raises the soft limit on open files to the hard limit, as servers do at start, and returns
    /// the soft limit now in force.
    @discardableResult
    static func raiseOpenFileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1_024 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }
}
