import Locking
import Logging

/// Keeps every log message so tests can check what recovery said.
final class CapturingLogHandler: LogHandler, @unchecked Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    final class Storage: Sendable {
        let entries = Locked<[Entry]>([])
    }

    let storage: Storage
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    init(storage: Storage) { self.storage = storage }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let flattened = (event.metadata ?? [:]).mapValues { "\($0)" }
        storage.entries.withLock {
            $0.append(Entry(level: event.level, message: "\(event.message)", metadata: flattened))
        }
    }

    /// A logger writing into a fresh storage, and the storage.
    static func logger() -> (Logger, Storage) {
        let storage = Storage()
        return (Logger(label: "test") { _ in CapturingLogHandler(storage: storage) }, storage)
    }
}
