/// The outcome of decoding a run of source records for one binding: a value or a failure per
/// record, of the binding's own value type.
@usableFromInline
struct DecodedValues: @unchecked Sendable {
    // Unchecked: the outcomes are made on a decoding thread and then handed, never shared, to the
    // pipeline's task; the value types need not be Sendable themselves.

    /// The source records, in order.
    @usableFromInline let records: [SourceRecord]
    /// A `[Result<Value, SourceDecodingFailure>]` of the binding's `Value`, one per record.
    @usableFromInline let outcomes: Any

    @inlinable
    init(records: [SourceRecord], outcomes: Any) {
        self.records = records
        self.outcomes = outcomes
    }
}
