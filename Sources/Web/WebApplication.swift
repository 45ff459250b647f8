import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging

/// Assembles the web server: shared pages and chrome, Chart.js, and every app's routes.
public enum WebApplication {
    /// The router with every route, separate from the server so tests can drive it directly.
    ///   - metrics: the Prometheus text exposition served at `/metrics` (empty when nothing is measured).
    public static func buildRouter(
        configuration: WebConfiguration,
        apps: [any AppSite],
        metrics: @escaping @Sendable () -> String = { "" },
        logger: Logger
    ) -> Router<KibitzRequestContext> {
        // HEAD answers as GET without the body (RFC 9110): monitors and curl -I get the real status.
        let router = Router(context: KibitzRequestContext.self, options: .autoGenerateHeadEndpoints)
        let routes = RouteTable()
        let chrome = PageChrome(pages: apps.flatMap(\.sitePages))
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: BodyLimitMiddleware(maximumBodyBytes: configuration.limits.maximumBodyBytes))
        router.add(
            middleware: WebSocketUpgradeAnswerMiddleware(
                admission: WebSocketAdmission(
                    maximum: configuration.limits.maximumWebSockets,
                    maximumPerAddress: configuration.limits.maximumWebSocketsPerAddress
                )
            )
        )
        let stateChangingGetPaths = Set(apps.flatMap(\.stateChangingGetPaths))
        router.add(
            middleware: ErrorAnswerMiddleware(
                routes: routes,
                stateChangingGetPaths: stateChangingGetPaths,
                chrome: chrome,
                logger: logger
            )
        )
        router.add(middleware: SafeHeadMiddleware(stateChangingGetPaths: stateChangingGetPaths, routes: routes))
        router.add(middleware: RequestPathMiddleware())
        router.add(
            middleware: CrossSiteRequestMiddleware(
                policy: configuration.originPolicy,
                stateChangingGetPaths: stateChangingGetPaths
            )
        )
        if let publicDirectory = Bundle.module.resourceURL?.appendingPathComponent("Public").path {
            router.add(middleware: FileMiddleware(publicDirectory, logger: logger))
        }
        router.add(
            middleware: FileMiddleware(
                configuration.chartJavaScriptDirectory,
                urlBasePath: "/vendor/chart.js",
                logger: logger
            )
        )
        let home = HomePage(chrome: chrome, pages: apps.flatMap(\.sitePages))
        // `/` is the home page, unless an app answers it (the shop's game API does for API clients).
        router.get("/") { request, context in
            for app in apps {
                if let answer = try await app.answerRoot(request, context: context) { return answer }
            }
            return try home.render().response(from: request, context: context)
        }
        router.get("health") { _, _ in "ok" }
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics()))
            )
        }
        for app in apps { app.addRoutes(to: router, chrome: chrome, logger: logger) }
        routes.fill(from: router)
        return router
    }

    /// The web server as a ServiceLifecycle service.
    public static func build(
        configuration: WebConfiguration,
        apps: [any AppSite],
        metrics: @escaping @Sendable () -> String,
        logger: Logger
    ) -> some ApplicationProtocol {
        let router = buildRouter(configuration: configuration, apps: apps, metrics: metrics, logger: logger)
        return Application(
            router: router,
            server: server(webSocketRouter: router, limits: configuration.limits),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            logger: logger
        )
    }

    /// HTTP/1.1 with WebSocket upgrades, each connection behind an `HTTPConnectionGuard`.
    private static func server(webSocketRouter: Router<KibitzRequestContext>, limits: HTTPLimits) -> HTTPServerBuilder {
        let webSocketResponder = webSocketRouter.buildResponder()
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [HTTPRequestEndHandler()],
            // NIO's own limits (headers without the request line) back the guard's up for requests
            // pipelined behind another, which the guard does not measure.
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: limits.maximumHeaderBytes,
                maxHeaderListSize: limits.maximumHeaderBytes
            )
        )
        // Pings within the idle timeout keep a quiet live page open, and close it when its client is gone.
        let pingPeriod = min(Duration.seconds(30), .nanoseconds(limits.idleTimeout.nanoseconds / 2))
        let webSocket = WebSocketServerConfiguration(autoPing: .enabled(timePeriod: pingPeriod))
        return HTTPServerBuilder { responder in
            GuardedChildChannel(
                wrapped: HTTP1WebSocketUpgradeChannel(
                    responder: responder,
                    webSocketResponder: webSocketResponder,
                    configuration: .init(http1: http1, ws: webSocket)
                ),
                limits: limits
            )
        }
    }
}
