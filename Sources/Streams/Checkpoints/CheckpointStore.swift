import FastJSON
import Foundation
import Glibc
import NIOCore

/// Reads and atomically replaces one pipeline's checkpoint file, `DIRECTORY/checkpoint`.
///
/// The file is the checkpoint as one line of JSON, a newline, then the bytes of its sink batches
/// back to back, in the order and with the lengths the JSON lists: the batches, most of a
/// checkpoint's size, are written as they will be appended rather than encoded as text.
///
/// A new checkpoint is written to a temporary file, fsynced, renamed over the old one, and the
/// directory is fsynced: after a crash at any point the file is either the old or the new checkpoint.
struct CheckpointStore {
    let directory: String
    var path: String { directory + "/checkpoint" }

    init(directory: String) throws(StreamsError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .checkpointFailed(path: directory, reason: "cannot create the directory: \(error)")
        }
    }

    func load() throws(StreamsError) -> Checkpoint? {
        guard FileManager.default.fileExists(atPath: path) else {
            // Starting over next to an older format's checkpoint would append its sink records again.
            let earlier = directory + "/checkpoint.json"
            guard !FileManager.default.fileExists(atPath: earlier) else {
                throw .unreadableCheckpoint(path: earlier, reason: "version 1, written by an earlier Kibitz")
            }
            return nil
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let newline = data.firstIndex(of: UInt8(ascii: "\n")) else {
                throw StreamsError.unreadableCheckpoint(path: path, reason: "no end to the JSON part")
            }
            var checkpoint = try JSONDecoder().decode(Checkpoint.self, from: data[..<newline])
            guard checkpoint.version == Checkpoint.currentVersion else {
                throw StreamsError.unreadableCheckpoint(path: path, reason: "version \(checkpoint.version)")
            }
            var start = newline + 1
            for index in checkpoint.output.indices {
                let end = start + checkpoint.output[index].byteCount
                guard end <= data.endIndex else {
                    throw StreamsError.unreadableCheckpoint(path: path, reason: "sink batches cut short")
                }
                checkpoint.output[index].bytes = ByteBuffer(bytes: data[start..<end])
                start = end
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
        var writeError: Int32? = nil
        let parts = [ByteBuffer(bytes: data), ByteBuffer(string: "\n")] + checkpoint.output.map(\.bytes)
        for part in parts where writeError == nil {
            writeError = Self.write(part, to: descriptor)
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

    /// Writes all of `data`; the `errno` of a failure, or nil.
    private static func write(_ buffer: ByteBuffer, to descriptor: Int32) -> Int32? {
        buffer.withUnsafeReadableBytes { bytes in
            var written = 0
            while written < bytes.count {
                let result = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += result
            }
            return nil
        }
    }

    private func failure(_ operation: String, _ path: String) -> StreamsError {
        .checkpointFailed(path: path, reason: "\(operation): \(String(cString: strerror(errno)))")
    }
}
