import Foundation
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import Testing

/// A real WebSocket client on one of the web server's live channels: its JSON messages in order,
/// each awaited with a timeout.
struct LiveChannelClient: Sendable {
    /// Why a channel did not send what a test waited for.
    enum Failure: Error, CustomStringConvertible {
        case silent(path: String, timeout: Duration)
        case closed(path: String)
        case notAJSONObject(path: String, message: String)

        var description: String {
            switch self {
            case .silent(let path, let timeout): "\(path) sent nothing within \(timeout)"
            case .closed(let path): "\(path) closed before the awaited message"
            case .notAJSONObject(let path, let message): "\(path) sent a message that is no JSON object: \(message)"
            }
        }
    }

    /// How long a test waits for each message: ample on a loaded machine, short enough to fail fast.
    static let timeout = Duration.seconds(2)

    /// The `Origin` the client sends: the scheme and host of its URL, without the port. The server
    /// refuses a `ws://` origin (no browser sends one) and an origin whose port is not its own, so
    /// the client is given an `http://` URL and the server started allowing this origin.
    static let origin = "http://localhost"

    let path: String
    private let inbox: LiveChannelInbox

    /// Opens `path` on the live server `server` tests, runs `body` while connected, then closes the
    /// connection normally; what `body` throws is thrown here.
    static func connect(
        to server: any TestClientProtocol,
        path: String,
        _ body: @escaping @Sendable (LiveChannelClient) async throws -> Void
    ) async throws {
        let inbox = LiveChannelInbox()
        try await WebSocketClient.connect(url: try url(server, path), logger: logger) { inbound, _, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        for try await message in inbound.messages(maxSize: 1 << 24) {
                            // A binary message is delivered as its description, which `next()` refuses.
                            guard case .text(let text) = message else {
                                await inbox.deliver("\(message)")
                                continue
                            }
                            await inbox.deliver(text)
                        }
                    } catch {
                        await inbox.close()
                        throw error
                    }
                    await inbox.close()
                }
                try await body(LiveChannelClient(path: path, inbox: inbox))
                group.cancelAll()
            }
        }
    }

    /// Whether `server` refuses to open `path` as a WebSocket.
    static func isRefused(by server: any TestClientProtocol, path: String) async throws -> Bool {
        do {
            try await WebSocketClient.connect(url: try url(server, path), logger: logger) { _, _, _ in }
            return false
        } catch let error as WebSocketClientError where error == .webSocketUpgradeFailed {
            return true
        }
    }

    /// The next message, a JSON object.
    func next() async throws -> [String: Any] {
        switch await inbox.next(within: Self.timeout) {
        case .message(let text):
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                throw Failure.notAJSONObject(path: path, message: text)
            }
            return object
        case .closed: throw Failure.closed(path: path)
        case .timedOut: throw Failure.silent(path: path, timeout: Self.timeout)
        }
    }

    /// The next messages up to and including the first for which `isLast` holds.
    func messages(until isLast: ([String: Any]) throws -> Bool) async throws -> [[String: Any]] {
        var messages: [[String: Any]] = []
        while true {
            let message = try await next()
            messages.append(message)
            if try isLast(message) { return messages }
        }
    }

    private static func url(_ server: any TestClientProtocol, _ path: String) throws -> String {
        "\(origin):\(try #require(server.port, "a live server"))\(path)"
    }

    private static let logger = Logger(label: "live-channel-test")
}
