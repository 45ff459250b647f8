import Foundation

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "/eventlog-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A copy of the directory as it is on disk now, as a crash would leave it.
    func snapshot() -> TemporaryDirectory {
        let copy = TemporaryDirectory()
        try! FileManager.default.removeItem(atPath: copy.path)
        try! FileManager.default.copyItem(atPath: path, toPath: copy.path)
        return copy
    }

    func files(under relativePath: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path + "/" + relativePath)) ?? []).sorted()
    }
}

/// File operations the tests use to damage or inspect a data directory.
enum FileManagerHelpers {
    static func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: path)
    }
}
