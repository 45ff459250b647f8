import Foundation
import KafkaCommandLine

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Talks to a running `kibitz serve`'s SQL API over HTTP.
struct SQLServerClient {
    let baseURL: URL

    init(_ address: String) throws {
        guard let url = URL(string: address), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw CommandFailure("--http must be an http:// or https:// URL, not \(address)")
        }
        baseURL = url
    }

    /// What the server said: the status and the JSON body.
    struct Answer {
        var status: Int
        var body: JSONValue
    }

    /// Submits a script; throws the server's error with its line and column.
    func execute(_ script: String) async throws -> [JSONValue] {
        let answer = try await request("POST", "/api/sql", body: ["sql": script])
        if answer.status == 413 {
            throw CommandFailure(
                "the server takes scripts of up to its --http-max-body-bytes; this one is \(script.utf8.count) bytes:"
                    + " split it, or raise the limit"
            )
        }
        guard answer.status == 200 else { throw SQLCommandError(answer.body) }
        return answer.body["results"]?.array ?? []
    }

    /// A view's current answer.
    func view(_ name: String) async throws -> JSONValue {
        let answer = try await request("GET", "/api/views/" + name, body: nil)
        guard answer.status == 200 else { throw SQLCommandError(answer.body) }
        return answer.body
    }

    func dropView(_ name: String) async throws {
        _ = try await request("DELETE", "/api/views/" + name, body: nil)
    }

    private func request(_ method: String, _ path: String, body: [String: String]?) async throws -> Answer {
        var request = URLRequest(url: baseURL.appendingPathComponent(String(path.dropFirst())))
        request.httpMethod = method
        request.timeoutInterval = 30
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw CommandFailure(
                "cannot reach the Kibitz server at \(baseURL.absoluteString) (\(error.localizedDescription));"
                    + " is `kibitz serve` running there? (--http names it)"
            )
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let body =
            (try? JSONDecoder().decode(JSONValue.self, from: data))
            ?? .object(["error": .string(String(decoding: data, as: UTF8.self))])
        return Answer(status: status, body: body)
    }
}

/// A statement the server refused, with where.
struct SQLCommandError: Error, CustomStringConvertible {
    let message: String
    let line: Int?
    let column: Int?

    init(_ body: JSONValue) {
        message = body["error"]?.string ?? "the server refused the request"
        line = body["line"]?.integer.map(Int.init)
        column = body["column"]?.integer.map(Int.init)
    }

    var description: String {
        guard let line, let column else { return message }
        return "line \(line), column \(column): \(message)"
    }

    /// The error as compilers write it, `file:line:column: message`, which editors jump to.
    func located(in file: String) -> String {
        guard let line, let column else { return "\(file): \(message)" }
        return "\(file):\(line):\(column): \(message)"
    }
}
