import Logging
import ServiceLifecycle

/// Runs pipelines as one ServiceLifecycle service: until graceful shutdown, after which each takes
/// a last checkpoint.
public struct StreamsService: Service {
    /// The pipelines' runners.
    public let runners: [PipelineRunner]
    let logger: Logger

    public init(runners: [PipelineRunner], logger: Logger = Logger(label: "kibitz.streams")) {
        self.runners = runners
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for runner in runners {
                    group.addTask {
                        do {
                            try await runner.run()
                        } catch {
                            logger.error(
                                "pipeline stopped",
                                metadata: ["pipeline": "\(runner.pipeline.name)", "error": "\(error)"]
                            )
                            throw error
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}
