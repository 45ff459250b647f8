import Foundation
import Hummingbird

/// An app's pages and static files, shipped as resources of the Apps target.
public struct AppPages: Sendable {
    /// The folder of the app's pages inside the resources, e.g. `Chess`.
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// Where the resources are: next to the executable, as SwiftPM installs them.
    var directory: URL? {
        Bundle.module.resourceURL?.appendingPathComponent("Pages").appendingPathComponent(folder)
    }

    /// An HTML page in the shared chrome (see `PageChrome`), uncached so a new build is seen at once.
    public func page(_ name: String) throws -> Response {
        guard let directory,
            let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
        else { throw HTTPError(.notFound) }
        return Self.html(try PageChrome.render(String(decoding: data, as: UTF8.self)))
    }

    /// An HTML document as an uncached response.
    public static func html(_ document: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType(of: "html"), .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: document))
        )
    }

    /// A file below the app's folder; paths leaving it are refused.
    public func file(_ relativePath: String) throws -> Response {
        let components = relativePath.split(separator: "/")
        guard let directory, !components.isEmpty, !components.contains(where: { $0 == ".." || $0.hasPrefix(".") })
        else { throw HTTPError(.notFound) }
        let url = components.reduce(directory) { $0.appendingPathComponent(String($1)) }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw HTTPError(.notFound) }
        return Response(
            status: .ok,
            headers: [.contentType: Self.contentType(of: url.pathExtension), .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func contentType(of pathExtension: String) -> String {
        switch pathExtension {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "json": "application/json"
        default: "application/octet-stream"
        }
    }
}
