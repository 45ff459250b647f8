import Hummingbird
import NIOCore

/// Admits WebSocket upgrades within the `WebSocketAdmission` limits, and answers a refused upgrade
/// with its status and a JSON message; a plain request to a live channel (every channel is under
/// `/ws/`) gets 426 Upgrade Required rather than an empty answer.
///
/// Hummingbird answers every upgrade that is not made with a bare 400, whatever the reason; so the
/// refusal is handed to the connection's `HTTPConnectionGuard`, which writes it in place of that.
struct WebSocketUpgradeAnswerMiddleware: RouterMiddleware {
    typealias Context = KibitzRequestContext
    let admission: WebSocketAdmission

    func handle(
        _ request: Request,
        context: KibitzRequestContext,
        next: (Request, KibitzRequestContext) async throws -> Response
    ) async throws -> Response {
        // The HTTP responder redirects requests carrying this header: only upgrade attempts reach here with it.
        guard request.headers[.upgrade]?.lowercased() == "websocket" else {
            guard request.uri.path.hasPrefix("/ws/") else { return try await next(request, context) }
            throw APIError(
                .upgradeRequired,
                "\(request.uri.path) is a live channel: open it as a WebSocket",
                headers: [.upgrade: "websocket", .connection: "Upgrade"]
            )
        }
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        do {
            try admission.admit(address)
        } catch {
            try await refuse(error, context: context)
        }
        // An upgrade that is made holds its place until it closes; one that is not closes the connection.
        context.channel.closeFuture.whenComplete { _ in admission.release(address) }
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            try await refuse(error, context: context)
        } catch let failure as any APIFailure {
            // A route that says why (an unknown game, an invalid player name) is answered as its API would.
            try await refuse(APIError(failure.status, failure.description), context: context)
        } catch {
            try await refuse(APIError(unexpected: error), context: context)
        }
        // The routes refuse an unknown game or player by not upgrading.
        if response.status != .ok {
            try await refuse(APIError(.notFound, "no live channel at \(request.uri.path)"), context: context)
        }
        return response
    }

    private func refuse(_ error: APIError, context: KibitzRequestContext) async throws -> Never {
        try await context.channel.triggerUserOutboundEvent(
            HTTPConnectionGuard.Refusal(status: error.status, message: error.message, headers: error.headers)
        )
        throw error
    }
}
