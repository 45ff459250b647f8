import Hummingbird
import HummingbirdTesting
import Testing

/// Request bodies are read and answers written by the request context's JSON coders, with the
/// events' conventions: snake_case keys, a clear status and message for every bad body.
@Suite struct JSONCodingTests {
    static func postGreeting(_ body: String, to client: some TestClientProtocol) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/test/greeting",
            method: .post,
            headers: [.contentType: "application/json"],
            body: ByteBuffer(string: body)
        )
    }

    @Test func decodesSnakeCaseFieldsAndAnEmptyBodyAsAnEmptyObject() async throws {
        try await TestSite.application().test(.router) { client in
            let greeting = try await Self.postGreeting(#"{"player_name":"ada","move_count":3}"#, to: client)
            #expect(greeting.status == .ok)
            #expect(String(buffer: greeting.body) == #"{"move_count":3,"player_name":"ada"}"#)
            let empty = try await client.execute(uri: "/api/test/greeting", method: .post)
            #expect(empty.status == .ok)
            #expect(String(buffer: empty.body) == "{}")
        }
    }

    @Test func refusesInvalidJSONWith400() async throws {
        try await TestSite.application().test(.router) { client in
            let answer = try await Self.postGreeting(#"{"player_name":"#, to: client)
            #expect(answer.status == .badRequest)
            #expect(String(buffer: answer.body) == #"{"error":"the body is not valid JSON"}"#)
        }
    }

    @Test func refusesJSONThatIsNotAnObjectWith422() async throws {
        try await TestSite.application().test(.router) { client in
            let answer = try await Self.postGreeting("[1, 2]", to: client)
            #expect(answer.status == .unprocessableContent)
            #expect(String(buffer: answer.body) == #"{"error":"the body must be a JSON object"}"#)
        }
    }

    @Test func refusesAFieldOfTheWrongTypeWith422NamingIt() async throws {
        try await TestSite.application().test(.router) { client in
            let answer = try await Self.postGreeting(#"{"move_count":"three"}"#, to: client)
            #expect(answer.status == .unprocessableContent)
            #expect(
                String(buffer: answer.body)
                    == #"{"error":"the body is JSON, but the field 'move_count' must be an integer"}"#
            )
        }
    }

    @Test func refusesABodyOverTheConfiguredLimitWith413() async throws {
        try await TestSite.application(maximumBodyBytes: 64).test(.router) { client in
            let name = String(repeating: "a", count: 64)
            let answer = try await Self.postGreeting(#"{"player_name":"\#(name)"}"#, to: client)
            #expect(answer.status == .contentTooLarge)
            #expect(String(buffer: answer.body) == #"{"error":"the body is larger than 64 bytes"}"#)
            let small = try await Self.postGreeting(#"{"player_name":"ada"}"#, to: client)
            #expect(small.status == .ok, "a body within the limit is read")
        }
    }

    @Test func answersValuesAsSortedSnakeCaseJSONUncached() async throws {
        try await TestSite.application().test(.router) { client in
            let answer = try await client.execute(uri: "/api/test/score", method: .get)
            #expect(answer.status == .ok)
            #expect(String(buffer: answer.body) == #"{"apple_name":"pink lady","zebra_count":1}"#)
            #expect(answer.headers[.contentType] == "application/json; charset=utf-8")
            #expect(answer.headers[.cacheControl] == "no-store")
        }
    }
}
