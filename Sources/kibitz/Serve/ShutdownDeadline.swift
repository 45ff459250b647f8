import Dispatch
import Foundation
import Locking
import Logging

/// Makes sure SIGTERM and SIGINT end the process within a bounded time, whatever a service does
/// when asked to stop: a part stuck in a system call or a library cannot keep Kibitz running.
///
/// Ending the process this way is as safe as a crash, which Kibitz is built to survive: acknowledged
/// events are on disk under the flush policy, and pipelines resume from their last checkpoint. A
/// second signal ends the process at once, as a user pressing Ctrl-C twice expects.
final class ShutdownDeadline {
    private let sources: [any DispatchSourceSignal]

    /// Starts watching for the signals; graceful shutdown itself stays with the service group.
    init(limit: Duration, logger: Logger) {
        let queue = DispatchQueue(label: "kibitz.shutdown-deadline")
        let signalsSeen = Locked(0)
        sources = [SIGTERM, SIGINT].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let count = signalsSeen.withLock { seen in
                    seen += 1
                    return seen
                }
                if count > 1 {
                    logger.warning("second signal: exiting without waiting for shutdown to finish")
                    exit(130)
                }
                let milliseconds =
                    Int(limit.components.seconds) * 1_000 + Int(limit.components.attoseconds / 1_000_000_000_000_000)
                queue.asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
                    logger.critical(
                        "shutdown did not finish in time; exiting now (--shutdown-timeout-ms)",
                        metadata: ["limit": "\(limit)"]
                    )
                    exit(70)
                }
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
