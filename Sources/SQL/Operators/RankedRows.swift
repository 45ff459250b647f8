/// The rows of one Top-N partition in rank order: by sort key, then by arrival (Flink breaks ties
/// by arrival: an earlier row ranks first).
struct RankedRows: Codable {
    struct Entry: Codable, Hashable {
        var sortKey: SQLRow
        var row: SQLRow
    }

    var entries: [Entry] = []

    /// Inserts `entry` after every entry that does not sort after it; returns its index.
    @discardableResult
    mutating func insert(_ entry: Entry, by orders: [SortOrder]) -> Int {
        let index = firstIndex(after: entry.sortKey, by: orders)
        entries.insert(entry, at: index)
        return index
    }

    /// Removes one entry holding `row`; false when there is none.
    mutating func remove(_ row: SQLRow, sortKey: SQLRow, by orders: [SortOrder]) -> Bool {
        var index = firstIndex(notBefore: sortKey, by: orders)
        while index < entries.count, SortOrder.compare(entries[index].sortKey, sortKey, by: orders) == .orderedSame {
            if entries[index].row == row {
                entries.remove(at: index)
                return true
            }
            index += 1
        }
        return false
    }

    /// The first `count` rows.
    func top(_ count: Int) -> [SQLRow] { entries.prefix(count).map(\.row) }

    private func firstIndex(notBefore sortKey: SQLRow, by orders: [SortOrder]) -> Int {
        partitionPoint { SortOrder.compare($0.sortKey, sortKey, by: orders) != .orderedAscending }
    }

    private func firstIndex(after sortKey: SQLRow, by orders: [SortOrder]) -> Int {
        partitionPoint { SortOrder.compare($0.sortKey, sortKey, by: orders) == .orderedDescending }
    }

    /// The first index whose entry satisfies `predicate`, which is false then true along the entries.
    private func partitionPoint(_ predicate: (Entry) -> Bool) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(entries[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
