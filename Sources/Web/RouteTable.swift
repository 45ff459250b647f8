import Hummingbird
import Locking

/// The router's paths and their methods, for answering 405 with `Allow`.
///
/// A router applies a middleware only to routes added after it, so the middleware that needs
/// this table is added first and the table is filled once every route is in.
final class RouteTable: Sendable {
    private let routes = Locked<[(path: RouterPath, method: HTTPRequest.Method)]>([])

    func fill(from router: Router<some RequestContext>) {
        routes.withLock { $0 = router.routes.map { ($0.path, $0.method) } }
    }

    /// The methods of the routes whose path pattern matches `path`.
    func methods(at path: String) -> Set<HTTPRequest.Method> {
        let parts = path.split(separator: "/")
        return routes.withLock { routes in
            Set(routes.filter { Self.pattern($0.path, matches: parts) }.map(\.method))
        }
    }

    private static func pattern(_ pattern: RouterPath, matches parts: [Substring]) -> Bool {
        var index = 0
        for element in pattern.components {
            if element == RouterPath.Element.recursiveWildcard { return true }
            guard index < parts.count, element ~= parts[index] else { return false }
            index += 1
        }
        return index == parts.count
    }
}
