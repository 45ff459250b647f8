/// A topic an app needs, created with at least `minimumPartitions` (or the server's default count).
public struct AppTopic: Sendable, Hashable {
    public var name: String
    public var minimumPartitions: Int32?

    public init(_ name: String, minimumPartitions: Int32? = nil) {
        self.name = name
        self.minimumPartitions = minimumPartitions
    }
}
