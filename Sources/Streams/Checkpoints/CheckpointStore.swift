import Foundation
import Glibc

/// Reads and atomically replaces one pipeline's checkpoint file, `DIRECTORY/checkpoint.json`.
///
/// A new checkpoint is written to a temporary file, fsynced, renamed over the old one, and the
/// directory is fsynced: after a crash at any point the file is either the old or the new checkpoint.
struct CheckpointStore {
    let directory: String
    var path: String { directory + "/checkpoint.json" }

    init(directory: String) throws(StreamsError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .checkpointFailed(path: directory, reason: "cannot create the directory: \(error)")
        }
    }

    func load() throws(StreamsError) -> Checkpoint? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let checkpoint = try JSONDecoder().decode(Checkpoint.self, from: data)
            guard checkpoint.version == Checkpoint.currentVersion else {
                throw StreamsError.unreadableCheckpoint(path: path, reason: "version \(checkpoint.version)")
            }
            return checkpoint
        } catch let error as StreamsError {
            throw error
        } catch {
            throw .unreadableCheckpoint(path: path, reason: "\(error)")
        }
    }

    func save(_ checkpoint: Checkpoint) throws(StreamsError) {
        let data: Data
        do {
            data = try FastJSONEncoder().encode(checkpoint)
        } catch {
            throw .checkpointFailed(path: path, reason: "\(error)")
        }
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("open", temporary) }
        var written = 0
        let writeError: Int32? = data.withUnsafeBytes { bytes in
            while written < bytes.count {
                let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += result
            }
            return nil
        }
        if let writeError {
            close(descriptor)
            throw .checkpointFailed(path: temporary, reason: "write: \(String(cString: strerror(writeError)))")
        }
        guard fsync(descriptor) == 0 else {
            let error = failure("fsync", temporary)
            close(descriptor)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else { throw failure("rename", path) }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw failure("open", directory) }
        defer { close(directoryDescriptor) }
        guard fsync(directoryDescriptor) == 0 else { throw failure("fsync", directory) }
    }

    private func failure(_ operation: String, _ path: String) -> StreamsError {
        .checkpointFailed(path: path, reason: "\(operation): \(String(cString: strerror(errno)))")
    }
}
