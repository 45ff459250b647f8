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
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let content = try JSONDecoder().decode(Content.self, from: data)
            guard content.version == 1 else {
                throw SQLError.execution("\(path) is of version \(content.version), written by a later Kibitz")
            }
            return content.statements
        } catch let error as SQLError {
            throw error
        } catch {
            throw .execution("cannot read the SQL catalog \(path): \(error); move it aside to start without it")
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
