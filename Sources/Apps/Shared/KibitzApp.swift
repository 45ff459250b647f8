import ArgumentParser
import ServiceLifecycle
import Streams
import Web

/// One bundled app: what `kibitz serve` needs to run it besides its web site (`AppSite`: pages,
/// routes, live channels).
///
/// An app is built from an `AppEnvironment` and the apps' options; `KibitzApps.all` lists them.
public protocol KibitzApp: AppSite {
    /// Builds the app: its pipelines, views and services, nothing running yet.
    init(_ environment: AppEnvironment, options: AppOptions) async throws
    /// `kibitz simulate`'s subcommand of the app's simulator, if it has one.
    static var simulateCommand: (any ParsableCommand.Type)? { get }
    /// The topics the app reads or writes, created (if missing) before anything runs.
    var topics: [AppTopic] { get }
    /// The stream processing pipelines behind the app's live views, run unless `--no-streams`.
    var pipelines: [Pipeline] { get }
    /// Long-running work of the app besides its pipelines (ETL workers, game housekeeping).
    var services: [any Service] { get }
    /// Simulators that keep the app's pages alive with `--demo`.
    var demoServices: [any Service] { get }
}

extension KibitzApp {
    public static var simulateCommand: (any ParsableCommand.Type)? { nil }
    public var pipelines: [Pipeline] { [] }
    public var services: [any Service] { [] }
    public var demoServices: [any Service] { [] }
}
