import Logging
import Synchronization

/// Says in the log that appends fail for lack of disk space, at most once per `reportInterval`
/// however many appends fail, and once when an append succeeds again.
final class DiskFullReporter: Sendable {
    static let reportInterval = Duration.seconds(10)

    private let logger: Logger
    private let isFull = Atomic<Bool>(false)
    private let reports = LogRateLimiter(interval: reportInterval)

    init(logger: Logger) {
        self.logger = logger
    }

    /// Whether the last append that ran found the disk full.
    var diskIsFull: Bool { isFull.load(ordering: .relaxed) }

    /// Notes an append refused because the file system holding `path` is full.
    func appendFailed(path: String) {
        isFull.store(true, ordering: .relaxed)
        reports.log(
            "disk full at \(path): appends refused until space returns",
            level: .error,
            kind: "disk full",
            metadata: ["path": "\(path)"],
            to: logger
        )
    }

    /// Notes a successful append; the first after a disk-full failure says that space returned.
    func appendSucceeded() {
        guard isFull.load(ordering: .relaxed), isFull.exchange(false, ordering: .relaxed) else { return }
        reports.reset("disk full")
        logger.notice("disk space returned: appends accepted again")
    }
}
