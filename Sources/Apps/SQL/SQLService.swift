import SQL
import ServiceLifecycle

/// Runs the SQL engine's queries for as long as the server runs: brings back the catalog's tables,
/// views and jobs at start, and stops every query after a last checkpoint at shutdown.
struct SQLService: Service {
    let engine: SQLEngine

    func run() async throws {
        await engine.restore()
        try? await gracefulShutdown()
        await engine.shutdown()
    }
}
