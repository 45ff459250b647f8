/// One key of an object and where its value lies, as the validating scan found them, so that
/// reading the value does not scan it again.
///
/// Offsets are 32-bit (a record's value never reaches 2 GiB) so that a table of 32 fields stays
/// within the kilobyte `withUnsafeTemporaryAllocation` keeps on the stack.
package struct JSONField {
    private let keyStart: UInt32
    private let keyEnd: UInt32
    private let valueStartOffset: UInt32
    private let valueEndOffset: UInt32
    package let keyHasEscapes: Bool
    /// Whether the value is a string with escapes.
    package let valueHasEscapes: Bool

    package init(key: Range<Int>, keyHasEscapes: Bool, valueStart: Int, valueEnd: Int, valueHasEscapes: Bool) {
        keyStart = UInt32(truncatingIfNeeded: key.lowerBound)
        keyEnd = UInt32(truncatingIfNeeded: key.upperBound)
        valueStartOffset = UInt32(truncatingIfNeeded: valueStart)
        valueEndOffset = UInt32(truncatingIfNeeded: valueEnd)
        self.keyHasEscapes = keyHasEscapes
        self.valueHasEscapes = valueHasEscapes
    }

    /// The key's bytes between the quotes.
    package var key: Range<Int> { Int(keyStart)..<Int(keyEnd) }
    /// The index of the value's first byte.
    package var valueStart: Int { Int(valueStartOffset) }
    /// The index just past the value.
    package var valueEnd: Int { Int(valueEndOffset) }
}
