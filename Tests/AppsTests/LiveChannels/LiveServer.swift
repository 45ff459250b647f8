import Apps
import HummingbirdTesting
import Streams
import Web

/// `kibitz serve`'s web server with some apps on an ephemeral port, their pipelines running over the
/// event log beside it as `kibitz serve` runs them: a purchase or a move made over HTTP goes through
/// the log and the pipeline to the live channels. It allows the origin the WebSocket client names
/// (see `LiveChannelClient.origin`), as `--allowed-origin` would.
enum LiveServer {
    /// Runs the server and the pipelines of `apps` for as long as `body` runs.
    static func run(
        _ apps: [any KibitzApp],
        in test: AppTestEnvironment,
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        var configuration = WebConfiguration()
        configuration.allowedOrigins = [LiveChannelClient.origin]
        let application = try test.application(apps, configuration: configuration)
        let runners = apps.flatMap(\.pipelines).map { pipeline in
            PipelineRunner(pipeline: pipeline, log: test.log, logger: test.environment.logger)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for runner in runners { group.addTask { try await runner.run() } }
            try await application.test(.live, body)
            group.cancelAll()
        }
    }
}
