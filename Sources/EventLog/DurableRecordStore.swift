import Foundation

/// Small records kept by key, one file each in a directory, each replaced atomically and
/// fsynced before `write` returns: state that must survive kill -9 exactly as last written, such
/// as the transaction coordinator's.
public final class DurableRecordStore: Sendable {
    public let directory: String

    /// Opens (creating) the store; writes a crash interrupted are dropped, the previous file holds.
    public init(directory: String) throws(EventLogError) {
        self.directory = directory
        try FileSystem.makeDirectory(directory)
        for name in try FileSystem.contents(of: directory) where name.hasSuffix(".tmp") {
            try FileSystem.remove(directory + "/" + name)
        }
    }

    /// A file name for any key: hex of its UTF-8 when short, a hash when long.
    static func fileName(for key: String) -> String {
        let bytes = Array(key.utf8)
        if bytes.count <= 100 {
            return "g-" + bytes.map { String(format: "%02x", $0) }.joined() + ".json"
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "h-" + String(hash, radix: 16) + ".json"
    }

    /// Replaces the record of `key` durably.
    public func write(_ bytes: [UInt8], key: String) throws(EventLogError) {
        try FileSystem.writeAtomically(bytes, to: directory + "/" + Self.fileName(for: key), synchronize: true)
    }

    /// The record of `key`, nil when there is none.
    public func read(key: String) throws(EventLogError) -> [UInt8]? {
        try FileSystem.read(directory + "/" + Self.fileName(for: key))
    }

    /// Removes the record of `key`, if any.
    public func remove(key: String) throws(EventLogError) {
        try FileSystem.remove(directory + "/" + Self.fileName(for: key))
    }

    /// Every record's bytes (keys are for the records to carry).
    public func readAll() throws(EventLogError) -> [[UInt8]] {
        var records: [[UInt8]] = []
        for name in try FileSystem.contents(of: directory).sorted() where name.hasSuffix(".json") {
            if let bytes = try FileSystem.read(directory + "/" + name) { records.append(bytes) }
        }
        return records
    }
}
