/// A fixed-size hash table of search results keyed by Zobrist key, always-replace with depth preference.
///
/// One entry is 16 bytes; the table size is a power of two so the index is a mask of the key.
final class TranspositionTable {
    enum Bound: UInt8 {
        case exact = 1
        case lower = 2
        case upper = 3
    }

    struct Entry {
        var key: UInt64 = 0
        var move: UInt16 = 0
        var score: Int16 = 0
        var depth: Int8 = 0
        var bound: UInt8 = 0
        var age: UInt8 = 0
    }

    private let entries: UnsafeMutablePointer<Entry>
    private let mask: Int
    private var age: UInt8 = 0

    /// Makes a table of about `megabytes` MB (rounded down to a power of two entries).
    init(megabytes: Int) {
        let wanted = max(1, megabytes) * 1024 * 1024 / MemoryLayout<Entry>.stride
        var count = 1
        while count * 2 <= wanted { count *= 2 }
        entries = .allocate(capacity: count)
        entries.initialize(repeating: Entry(), count: count)
        mask = count - 1
    }

    deinit { entries.deallocate() }

    /// Forgets everything (a new game).
    func clear() {
        entries.update(repeating: Entry(), count: mask + 1)
        age = 0
    }

    /// Marks later stores as newer than earlier searches' entries.
    func startNewSearch() { age &+= 1 }

    @inline(__always) func probe(_ key: UInt64) -> Entry? {
        let entry = entries[Int(truncatingIfNeeded: key) & mask]
        return entry.key == key && entry.bound != 0 ? entry : nil
    }

    @inline(__always) func store(_ key: UInt64, move: Move, score: Int, depth: Int, bound: Bound) {
        let slot = entries + (Int(truncatingIfNeeded: key) & mask)
        let old = slot.pointee
        // Keep a deeper entry from the current search for another position; otherwise replace.
        if old.key != key && old.age == age && Int(old.depth) > depth + 2 { return }
        var move = move
        if move == .none && old.key == key { move = Move(rawValue: old.move) }
        slot.pointee = Entry(
            key: key,
            move: move.rawValue,
            score: Int16(clamping: score),
            depth: Int8(clamping: depth),
            bound: bound.rawValue,
            age: age
        )
    }
}
