/// A segment's sparse offset index: every few KiB of log, the position of a batch by its offset.
///
/// Entries are Kafka's 8 bytes on disk: offset relative to the segment base, then file position,
/// both 32-bit big endian. Lookups go to the nearest entry at or before an offset and scan from there.
struct OffsetIndex: Sendable {
    struct Entry: Sendable, Hashable {
        var relativeOffset: UInt32
        var position: UInt32
    }

    static let entrySize = 8

    private(set) var entries: [Entry] = []

    init() {}

    mutating func append(relativeOffset: UInt32, position: UInt32) {
        entries.append(Entry(relativeOffset: relativeOffset, position: position))
    }

    /// File position of the latest indexed batch whose base offset is at or before `relativeOffset`; 0 if none.
    func position(atOrBefore relativeOffset: UInt32) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].relativeOffset <= relativeOffset { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 0 : Int(entries[low - 1].position)
    }

    /// The index as Kafka lays it out on disk.
    var serialized: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * Self.entrySize)
        for entry in entries {
            withUnsafeBytes(of: entry.relativeOffset.bigEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: entry.position.bigEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// Reads an index file; nil unless it is well formed and points inside a log of `logSize` bytes.
    init?(serialized bytes: [UInt8], logSize: Int) {
        guard bytes.count % Self.entrySize == 0 else { return nil }
        entries.reserveCapacity(bytes.count / Self.entrySize)
        var index = 0
        while index < bytes.count {
            let relativeOffset = BigEndianBytes.uint32(bytes, at: index)
            let position = BigEndianBytes.uint32(bytes, at: index + 4)
            if let last = entries.last, last.relativeOffset >= relativeOffset || last.position >= position {
                return nil
            }
            guard Int(position) < logSize else { return nil }
            entries.append(Entry(relativeOffset: relativeOffset, position: position))
            index += Self.entrySize
        }
    }
}
