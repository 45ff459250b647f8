/// What happens to a topic's old segments (`cleanup.policy`): deleted by retention, compacted to
/// the latest record per key, or both.
public enum CleanupPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    case delete
    case compact
    /// Compacted, and whole segments past `retention.ms` or `retention.bytes` deleted as well.
    case compactAndDelete = "compact,delete"

    /// Whether retention deletes old segments.
    public var deletes: Bool { self != .compact }

    /// Whether the cleaner keeps only the latest record per key.
    public var compacts: Bool { self != .delete }

    /// The policy a Kafka list value names, in any order ("delete,compact" is "compact,delete");
    /// nil for an empty list or a word other than `compact` and `delete`.
    init?(kafkaList: [String]) {
        let words = Set(kafkaList)
        guard !words.isEmpty, words.isSubset(of: ["compact", "delete"]) else { return nil }
        self = words.count == 2 ? .compactAndDelete : words.contains("compact") ? .compact : .delete
    }

    /// The policy as Kafka lists it.
    var kafkaList: [String] {
        switch self {
        case .delete: ["delete"]
        case .compact: ["compact"]
        case .compactAndDelete: ["compact", "delete"]
        }
    }
}
