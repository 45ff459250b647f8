/// A source record that could not be decoded, and why: what its dead letter says.
@usableFromInline
struct SourceDecodingFailure: Error {
    @usableFromInline let record: SourceRecord
    @usableFromInline let reason: String

    @inlinable
    init(record: SourceRecord, reason: String) {
        self.record = record
        self.reason = reason
    }
}
