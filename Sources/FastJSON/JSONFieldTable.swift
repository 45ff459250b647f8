/// The fields of one JSON object as a scan finds them: in a buffer the caller gives (on its stack)
/// while they fit, then on the heap.
struct JSONFieldTable {
    private var buffer: UnsafeMutableBufferPointer<JSONField>
    private(set) var count = 0
    /// Owns the fields once they outgrew the caller's buffer.
    private(set) var storage: JSONFieldStorage?

    init(inline buffer: UnsafeMutableBufferPointer<JSONField>) {
        self.buffer = buffer
    }

    /// The fields so far, valid while the caller's buffer and `storage` live.
    var fields: UnsafeBufferPointer<JSONField> { UnsafeBufferPointer(rebasing: buffer[..<count]) }

    @inline(__always)
    mutating func append(_ field: JSONField) {
        if count == buffer.count { grow() }
        buffer[count] = field
        count += 1
    }

    private mutating func grow() {
        let bigger = JSONFieldStorage(capacity: Swift.max(16, buffer.count * 2))
        if let base = buffer.baseAddress, count > 0 { bigger.buffer.baseAddress!.update(from: base, count: count) }
        storage = bigger
        buffer = bigger.buffer
    }
}
