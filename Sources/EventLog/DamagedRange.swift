/// A stretch of a segment file where no batch can be trusted: its framing or CRC is broken.
/// Readers jump over it; the offsets it held are lost, and said so once in the log.
struct DamagedRange: Sendable, Hashable {
    /// Byte positions in the segment file.
    var positions: Range<Int>
    /// Offsets of the records that were there.
    var offsets: Range<Int64>
    /// What was wrong with the first batch of the stretch.
    var reason: String
}
