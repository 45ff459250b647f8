import EventLog
import Foundation

/// The SQL catalog on disk, `DATA_DIR/sql/catalog.json`: the statements that made every table,
/// view and INSERT INTO job, in order, replayed at start. Replaced atomically on every change.
struct CatalogFile {
    /// One durable statement.
    struct Entry: Codable, Hashable {
        enum Kind: String, Codable {
            case table
            case view
            case job
        }

        var kind: Kind
        var name: String
        var sql: String
    }

    private struct Content: Codable {
        var version: Int
        var statements: [Entry]
    }

    let path: String

    init(dataDirectory: String) {
        path = dataDirectory + "/sql/catalog.json"
    }

    /// The entries saved last; none when there is no file yet.
    func load() throws(SQLError) -> [Entry] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let content: Content
        do {
            content = try JSONDecoder().decode(Content.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as DecodingError {
            throw .execution("Cannot read the SQL catalog \(path): \(Self.explain(error))")
        } catch {
            throw .execution("Cannot read the SQL catalog \(path): \(error.localizedDescription)")
        }
        guard content.version == 1 else {
            throw .execution("The SQL catalog \(path) is of version \(content.version), written by a later Kibitz")
        }
        return content.statements
    }

    /// Moves an unreadable file aside, so that the next change does not overwrite what it held;
    /// says where it went, as the end of a sentence.
    func setAside() -> String {
        let aside = path + ".unreadable-" + String(Int64(Date().timeIntervalSince1970 * 1_000))
        do {
            try FileManager.default.moveItem(atPath: path, toPath: aside)
            return "; it was moved to \(aside) and SQL starts empty"
        } catch {
            return "; it could not be moved aside (\(error.localizedDescription)) and SQL starts empty"
        }
    }

    /// What is wrong with the file, in a sentence rather than Foundation's nested description.
    private static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.isEmpty ? "" : " at " + context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context):
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "it is not valid JSON" + path(context) + (detail.map { " (\($0))" } ?? "")
        case .keyNotFound(let key, let context): return "'\(key.stringValue)' is missing" + path(context)
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "a value of the wrong type" + path(context)
        @unknown default: return "\(error)"
        }
    }

    func save(_ entries: [Entry]) throws(SQLError) {
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(Content(version: 1, statements: entries))
            try DurableFile.replace(path, with: Array(data))
        } catch {
            throw .execution("cannot save the SQL catalog \(path): \(error)")
        }
    }
}
