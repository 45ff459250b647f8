import FastJSON
import Foundation
import HummingbirdWebSocket

/// Pushes a stream of updates to a WebSocket as JSON text messages until either side stops.
///
/// The first message is the snapshot a (re)connecting page resynchronises from; what the client
/// sends is read and ignored, which also notices when it closes.
public enum LiveChannel {
    public static func run<Update: Sendable, Message: Encodable & SendableMetatype>(
        inbound: WebSocketInboundStream,
        outbound: WebSocketOutboundWriter,
        updates: AsyncStream<Update>,
        message: @escaping @Sendable (Update, _ isFirst: Bool) -> Message
    ) async throws {
        let encoder = EventJSON.makeEncoder()
        try await run(inbound: inbound, outbound: outbound, updates: updates) { update, isFirst in
            String(decoding: try encoder.encode(message(update, isFirst)), as: UTF8.self)
        }
    }

    /// Pushes updates as the text messages `text` makes of them: for messages already in JSON
    /// whose keys are data (a SQL view's column names), which the snake_case encoder would change.
    public static func run<Update: Sendable>(
        inbound: WebSocketInboundStream,
        outbound: WebSocketOutboundWriter,
        updates: AsyncStream<Update>,
        text: @escaping @Sendable (Update, _ isFirst: Bool) throws -> String
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await _ in inbound {}
            }
            group.addTask {
                var isFirst = true
                for await update in updates {
                    try await outbound.write(.text(try text(update, isFirst)))
                    isFirst = false
                }
            }
            // Whichever ends first (the client left, or the updates ended) ends the channel.
            try await group.next()
            group.cancelAll()
        }
    }
}
