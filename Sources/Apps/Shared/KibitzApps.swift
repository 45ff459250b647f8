import ArgumentParser

/// The bundled apps, in the order of the site's navigation: `kibitz serve` runs them and
/// `kibitz simulate` offers their simulators.
///
/// Adding an app is its folder under `Sources/Apps`, a line here, and its pages folder's line in
/// Package.swift (SwiftPM wants every resource folder named); an app with options of its own adds
/// its group to `AppOptions`.
public enum KibitzApps {
    public static let all: [any KibitzApp.Type] = [
        ChessApp.self, ShopApp.self, ShopStatsApp.self, F1App.self, ArenaApp.self, SQLApp.self,
    ]

    /// Every app, built from the server's environment and the apps' options.
    public static func make(_ environment: AppEnvironment, options: AppOptions) async throws -> [any KibitzApp] {
        var apps: [any KibitzApp] = []
        for app in all { apps.append(try await app.init(environment, options: options)) }
        return apps
    }

    /// The apps' `kibitz simulate` subcommands.
    public static var simulateCommands: [any ParsableCommand.Type] { all.compactMap { $0.simulateCommand } }
}
