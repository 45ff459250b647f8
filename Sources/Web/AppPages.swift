import Foundation
import Hummingbird
import Logging

/// An app's folder of pages and static files: the page files at its top are answered in the site's
/// chrome, what its `static` folder holds (style sheets, scripts, images) by Hummingbird's
/// `FileMiddleware` under `/APP/static/`, so a page file is never served raw.
public struct AppPages: Sendable {
    /// The folder on disk, e.g. the Apps bundle's `ChessPages`.
    public let directory: String
    public let chrome: PageChrome

    public init(directory: String, chrome: PageChrome) {
        self.directory = directory
        self.chrome = chrome
    }

    /// The page file `name` of the folder in the site's chrome.
    public func page(_ name: String) throws -> HTMLPage {
        guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
            throw HTTPError(.notFound)
        }
        return HTMLPage(document: try chrome.render(String(decoding: data, as: UTF8.self)))
    }

    /// Serves the folder's `static` files at `urlBasePath` (e.g. `/chess/static`), uncached so that a new
    /// build is seen at once; paths leaving the folder are refused by the middleware.
    public func addStaticFiles(
        to router: Router<KibitzRequestContext>,
        at urlBasePath: String,
        logger: Logger
    ) {
        router.add(
            middleware: FileMiddleware(
                directory + "/static",
                urlBasePath: urlBasePath,
                cacheControl: .init([(MediaType(type: .any), [.noCache])]),
                logger: logger
            )
        )
    }
}
