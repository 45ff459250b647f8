import Logging
import SQL
import ServiceLifecycle

/// Runs the SQL engine's queries for as long as the server runs: brings back the catalog's tables,
/// views and jobs at start, and stops every query after a last checkpoint at shutdown.
struct SQLService: Service {
    let engine: SQLEngine
    let logger: Logger

    func run() async throws {
        do {
            try await engine.restore()
        } catch {
            logger.error("the SQL catalog could not be read; SQL starts empty", metadata: ["error": "\(error)"])
        }
        try? await gracefulShutdown()
        await engine.shutdown()
    }
}
