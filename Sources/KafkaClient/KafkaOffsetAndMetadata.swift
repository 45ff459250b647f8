/// A consumer group's position in one partition, with the free text the committer attached to it.
public struct KafkaOffsetAndMetadata: Sendable, Hashable {
    /// The next offset the group will read.
    public var offset: Int64
    /// What the committer wrote next to the offset, for itself to read back; empty when nothing.
    public var metadata: String

    public init(offset: Int64, metadata: String = "") {
        self.offset = offset
        self.metadata = metadata
    }
}
