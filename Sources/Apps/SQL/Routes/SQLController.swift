import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import SQL
import Web

/// The SQL API (`POST /api/sql`, `/api/views`, `/api/jobs`), each view's live channel
/// (`/ws/views/{name}`) and the pages (`/views`, `/views/{name}`).
struct SQLController: Sendable {
    typealias Context = KibitzRequestContext

    /// The shortest time between two messages of a view's channel: changes gather meanwhile.
    static var coalescingInterval: Duration { .milliseconds(100) }
    /// A batch of more changes than this is sent as a fresh snapshot instead.
    static let resynchronizingChangeCount = 500

    let engine: SQLEngine

    func addRoutes(to router: Router<Context>, pages: AppPages, logger: Logger) {
        router.post("api/sql", use: execute)
        router.get("api/views") { _, _ in
            Self.json(
                ViewJSON.list(
                    views: await engine.views,
                    jobs: await engine.runningJobs,
                    unrestored: await engine.unrestoredStatements,
                    catalogError: await engine.catalogError
                )
            )
        }
        router.get("api/views/{name}") { _, context in
            Self.json(ViewJSON.answer(for: try await view(named: context.parameters.require("name"))))
        }
        router.delete("api/views/{name}") { _, context -> [String: String] in
            let name = try context.parameters.require("name")
            _ = try await view(named: name)
            do throws(SQLError) {
                try await engine.dropView(named: name)
            } catch {
                throw SQLRequestError(error)
            }
            return ["dropped": name]
        }
        router.delete("api/jobs/{name}") { _, context -> [String: String] in
            let name = try context.parameters.require("name")
            do throws(SQLError) {
                try await engine.stopJob(named: name)
            } catch {
                throw SQLRequestError(error, status: .notFound)
            }
            return ["stopped": name]
        }
        router.get("views") { _, _ in try pages.page("views.html") }
        router.get("views/{name}") { _, context in
            // An HTTPError, unlike the API's JSON answer, becomes the site's 404 page for a browser.
            guard (try? await view(named: context.parameters.require("name"))) != nil else {
                throw HTTPError(.notFound)
            }
            return try pages.page("view.html")
        }
        pages.addStaticFiles(to: router, at: "/views/static", logger: logger)
        router.ws("ws/views/{name}") { _, context in
            _ = try await view(named: context.parameters.require("name"))
            return .upgrade()
        } onUpgrade: { inbound, outbound, context in
            let query = try await view(named: context.requestContext.parameters.get("name") ?? "")
            try await LiveChannel.run(
                inbound: inbound,
                outbound: outbound,
                updates: Self.messages(of: query),
                text: { text, _ in text }
            )
        }
    }

    @Sendable func execute(request: Request, context: Context) async throws -> SQLStatementResponse {
        let body = try await context.requestDecoder.decode(SQLStatementRequest.self, from: request, context: context)
        do throws(SQLError) {
            return SQLStatementResponse(results: try await engine.execute(body.sql))
        } catch {
            throw SQLRequestError(error)
        }
    }

    private func view(named name: String) async throws -> RunningQuery {
        guard let query = await engine.query(named: name), query.kind != .job else {
            throw SQLRequestError(.validation("No view named '\(name)'"), status: .notFound)
        }
        return query
    }

    /// The channel's messages: a snapshot, then the changes gathered over each interval (a fresh
    /// snapshot when they are many, which also covers changes a slow reader missed), or the query's
    /// status when only that changed (rows read, late rows, a failure).
    static func messages(of query: RunningQuery) -> AsyncStream<String> {
        guard let view = query.view else { return AsyncStream { $0.finish() } }
        let (rows, changes) = view.subscribe()
        return AsyncStream(bufferingPolicy: .bufferingNewest(4)) { continuation in
            continuation.yield(ViewJSON.snapshot(of: query, rows: rows))
            let pending = PendingChanges(limit: resynchronizingChangeCount)
            let reader = Task {
                for await change in changes { await pending.append(change) }
                continuation.finish()
            }
            let writer = Task {
                var status = ViewJSON.status(of: query)
                while !Task.isCancelled {
                    try? await Task.sleep(for: coalescingInterval)
                    let (batch, overflowed) = await pending.take()
                    let current = ViewJSON.status(of: query)
                    if overflowed {
                        continuation.yield(ViewJSON.snapshot(of: query, rows: view.rows))
                    } else if !batch.isEmpty {
                        continuation.yield(ViewJSON.changes(batch, of: query))
                    } else if current != status {
                        continuation.yield(current)
                    }
                    status = current
                }
            }
            continuation.onTermination = { _ in
                reader.cancel()
                writer.cancel()
            }
        }
    }

    static func json(_ bytes: [UInt8]) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}

/// Changes waiting for the next message of a channel.
private actor PendingChanges {
    private var changes: [RowChange] = []
    /// How many changes came since the last take; beyond the limit they are only counted, since
    /// the channel sends a fresh snapshot instead.
    private var count = 0
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    func append(_ change: RowChange) {
        count += 1
        if count <= limit { changes.append(change) }
    }

    /// The changes since the last call, or nil when there were more than the limit.
    func take() -> (changes: [RowChange], overflowed: Bool) {
        defer {
            changes = []
            count = 0
        }
        return (changes, count > limit)
    }
}

extension SQLStatementResponse: ResponseEncodable {}
