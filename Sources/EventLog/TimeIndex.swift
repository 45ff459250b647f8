/// A segment's sparse time index, for ListOffsets by timestamp.
///
/// An entry (timestamp, offset) promises that every batch before `offset` in the segment has a max
/// timestamp below or at `timestamp`; so a search for the first batch at or after time T may start
/// at the last entry whose timestamp is below T. On disk an entry is 12 bytes (64-bit timestamp,
/// 32-bit relative offset, big endian) and a closed segment's file ends with one extra entry that
/// holds the segment's largest timestamp and its end offset.
struct TimeIndex: Sendable {
    struct Entry: Sendable, Hashable {
        var timestamp: Int64
        var relativeOffset: UInt32
    }

    static let entrySize = 12

    private(set) var entries: [Entry] = []

    init() {}

    /// Adds an entry; one with the same timestamp as the last is replaced since it starts a search later.
    mutating func append(timestamp: Int64, relativeOffset: UInt32) {
        if let last = entries.last, last.timestamp >= timestamp {
            entries[entries.count - 1].relativeOffset = relativeOffset
        } else {
            entries.append(Entry(timestamp: timestamp, relativeOffset: relativeOffset))
        }
    }

    /// The relative offset where a search for `timestamp` starts: the last entry below it, or 0.
    func searchStart(for timestamp: Int64) -> UInt32 {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].timestamp < timestamp { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 0 : entries[low - 1].relativeOffset
    }

    /// The index on disk, closed by the entry holding the segment's largest timestamp and end offset.
    func serialized(maxTimestamp: Int64, relativeEndOffset: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity((entries.count + 1) * Self.entrySize)
        for entry in entries + [Entry(timestamp: maxTimestamp, relativeOffset: relativeEndOffset)] {
            withUnsafeBytes(of: entry.timestamp.bigEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: entry.relativeOffset.bigEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// Reads a closed segment's index file: the entries, the largest timestamp and the end offset.
    static func deserialize(_ bytes: [UInt8]) -> (index: TimeIndex, maxTimestamp: Int64, relativeEndOffset: UInt32)? {
        guard bytes.count % entrySize == 0, bytes.count >= entrySize else { return nil }
        var index = TimeIndex()
        var position = 0
        while position < bytes.count {
            let timestamp = Int64(bitPattern: BigEndianBytes.uint64(bytes, at: position))
            let relativeOffset = BigEndianBytes.uint32(bytes, at: position + 8)
            index.entries.append(Entry(timestamp: timestamp, relativeOffset: relativeOffset))
            position += entrySize
        }
        let last = index.entries.removeLast()
        return (index, last.timestamp, last.relativeOffset)
    }
}
