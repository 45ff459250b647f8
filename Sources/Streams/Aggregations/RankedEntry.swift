/// One entry of a top-N ranking.
public struct RankedEntry: Codable, Hashable, Sendable {
    public var id: String
    public var score: Double

    public init(id: String, score: Double) {
        self.id = id
        self.score = score
    }

    /// Puts `entry` into a ranking sorted best first, keeping an id's best score and `count` entries.
    static func insert(_ entry: RankedEntry, into ranking: inout [RankedEntry], keeping count: Int) {
        if let existing = ranking.firstIndex(where: { $0.id == entry.id }) {
            guard entry.score > ranking[existing].score else { return }
            ranking.remove(at: existing)
        }
        let position = ranking.firstIndex { $0.score < entry.score || ($0.score == entry.score && $0.id > entry.id) }
        ranking.insert(entry, at: position ?? ranking.endIndex)
        if ranking.count > count { ranking.removeLast(ranking.count - count) }
    }
}
