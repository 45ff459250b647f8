import Foundation
import Locking
import Logging

/// Lets a repeated log line through at most once per interval for each kind of event, and counts
/// what it held back, so that a fault met in a loop (a damaged batch, a client retrying a refused
/// request) cannot fill the disk with the same warning.
public final class LogRateLimiter: Sendable {
    private struct Entry {
        var lastAdmitted: Double
        var suppressed: Int
    }

    /// The shortest time between two admitted lines of one kind.
    public let interval: Duration
    private let entries = Locked<[String: Entry]>([:])
    private let now: @Sendable () -> Double

    /// A limiter admitting each kind once per `interval`; `now` (seconds) is for tests.
    public init(
        interval: Duration = .seconds(10),
        now: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }
    ) {
        self.interval = interval
        self.now = now
    }

    /// Logs `message` at `level` unless a line of `kind` was logged within the interval; the line
    /// says how many like it were held back since the last one (`similar_messages_suppressed`).
    public func log(
        _ message: @autoclosure () -> Logger.Message,
        level: Logger.Level,
        kind: String,
        metadata: @autoclosure () -> Logger.Metadata,
        to logger: Logger
    ) {
        guard let suppressed = admit(kind) else { return }
        var metadata = metadata()
        metadata["similar_messages_suppressed"] = "\(suppressed)"
        logger.log(level: level, message(), metadata: metadata)
    }

    /// Lets the next line of `kind` through at once, as if none had been logged: for a condition
    /// that ended (space returned), whose next occurrence is news again.
    public func reset(_ kind: String) {
        entries.withLock { _ = $0.removeValue(forKey: kind) }
    }

    /// Whether a line of `kind` may be logged now; if so, how many were held back since the last
    /// one (to be logged with it), else nil.
    public func admit(_ kind: String) -> Int? {
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) * 1e-18
        let time = now()
        return entries.withLock { entries in
            if var entry = entries[kind] {
                guard time - entry.lastAdmitted >= seconds else {
                    entry.suppressed += 1
                    entries[kind] = entry
                    return nil
                }
                entries[kind] = Entry(lastAdmitted: time, suppressed: 0)
                return entry.suppressed
            }
            // Kinds are few (an error's site, a client address); a bound keeps a flood of distinct
            // ones from growing the table without end.
            if entries.count >= 10_000 { entries.removeAll(keepingCapacity: true) }
            entries[kind] = Entry(lastAdmitted: time, suppressed: 0)
            return 0
        }
    }
}
