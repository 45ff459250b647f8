/// The outcome of decoding a run of source records for one binding: a value or a failure per
/// record, of the binding's own value type, with the records' timestamps.
@usableFromInline
struct DecodedValues: @unchecked Sendable {
    // Unchecked: the outcomes are made on a decoding thread and then handed, never shared, to the
    // pipeline's task; the value types need not be Sendable themselves.

    /// Each record's timestamp from the log, in order.
    @usableFromInline let timestamps: [Int64]
    /// A `[Result<Value, SourceDecodingFailure>]` of the binding's `Value`, one per record.
    @usableFromInline let outcomes: Any

    @inlinable
    init(timestamps: [Int64], outcomes: Any) {
        self.timestamps = timestamps
        self.outcomes = outcomes
    }
}
