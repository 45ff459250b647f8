import Hummingbird
import Logging

/// An app's part of the web site: its pages (for the navigation and the home page) and its routes.
public protocol AppSite: Sendable {
    /// The app's pages, in the order the navigation lists them.
    var sitePages: [SitePage] { get }
    /// GET paths of the app that change state: only this server's own pages (or clients without a
    /// browser) may call them.
    var stateChangingGetPaths: [String] { get }
    /// Adds the app's routes, live channels and static files; `chrome` renders its pages.
    func addRoutes(to router: Router<KibitzRequestContext>, chrome: PageChrome, logger: Logger)
    /// The app's answer to `GET /`, or nil to leave it to the home page (and the next app).
    func answerRoot(_ request: Request, context: KibitzRequestContext) async throws -> Response?
}

extension AppSite {
    public var stateChangingGetPaths: [String] { [] }

    public func answerRoot(_ request: Request, context: KibitzRequestContext) async throws -> Response? { nil }
}
