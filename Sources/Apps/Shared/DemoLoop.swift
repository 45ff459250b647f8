import KafkaClient
import Logging
import ServiceLifecycle

/// What `kibitz serve --demo`'s simulators share: a producer configuration whose deliveries give up
/// quickly, so a shutdown never waits on an unreachable broker, and a body run again after any
/// failure until the graceful shutdown cancels it.
struct DemoLoop {
    /// The simulator's name, in its client id and its log lines.
    let name: String
    let bootstrap: String
    let logger: Logger

    func run(_ body: @escaping @Sendable (KafkaConfiguration) async throws -> Void) async {
        await cancelWhenGracefulShutdown {
            let configuration = KafkaConfiguration(
                bootstrapServers: bootstrap,
                properties: ["log_level": "0", "message.timeout.ms": "5000", "client.id": "kibitz-\(name)-demo"]
            )
            while !Task.isCancelled {
                do {
                    try await body(configuration)
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("\(name) demo failed; starting again", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .seconds(5))
                }
            }
        }
    }
}
