import Foundation

/// A fresh directory under the system's temporary directory, removed with the value.
final class ScratchDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "kibitz-benchmarks-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
